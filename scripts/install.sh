#!/bin/sh
# install.sh: install ctbox and one link per applet (make install)
# SPDX-License-Identifier: MIT
#
# usage: install.sh BINARY APPLETS_LIST DESTDIR PREFIX sym|hard
# APPLETS_LIST has a line "NAME DIR" per applet, DIR bin or sbin.
set -eu
bin=$1 list=$2 destdir=$3 prefix=$4 links=$5

case $links in sym|hard) ;; *) echo "install.sh: LINKS must be sym or hard" >&2; exit 1 ;; esac
root=$destdir$prefix
mkdir -p "$root/bin"
install -m 0755 "$bin" "$root/bin/ctbox"
echo "  INSTALL $root/bin/ctbox"
while read -r name dir; do
	mkdir -p "$root/$dir"
	dst=$root/$dir/$name
	rm -f "$dst"
	if [ "$links" = hard ]; then
		ln "$root/bin/ctbox" "$dst"
	elif [ "$dir" = bin ]; then
		ln -s ctbox "$dst"
	else
		ln -s ../bin/ctbox "$dst"
	fi
	echo "  LINK    $dst"
done < "$list"
