#!/bin/sh
# initramfs.sh: pack the VM tier's initramfs for one arch
# SPDX-License-Identifier: MIT
#
# usage: sh scripts/vm/initramfs.sh ARCH CTBOX APPLETS_LIST KDIR SRC OUT
#
#   ARCH          x86_64, aarch64 or armhf (the guest labels its cases so)
#   CTBOX         the ctbox binary built for ARCH
#   APPLETS_LIST  its build/gen/applets.list (NAME DIR a line)
#   KDIR          what scripts/vm/fetch.sh made: busybox, modules/
#   SRC           the source tree: tests/lib.sh, tests/vm/
#   OUT           the gzipped newc cpio to write; the tree is OUT.d/
#
# The tree:
#   /init                    tests/vm/init
#   /usr/bin/ctbox + links   installed by scripts/install.sh (make install)
#   /bin/busybox + links     busybox-static of ARCH, the applets named in
#                            tests/vm/busybox.list, except ctbox's names
#   /bin/busybox32           aarch64 only: the armhf busybox (compat ABI)
#   /lib/modules/            the kernel's modules and load.list
#   /tests/lib.sh, /tests/vm/  the harness and the guest's cases
#   /etc/ctbox-arch, /etc/ctbox-applets, /etc/passwd, /etc/group
#   /dev/console (as root), empty /proc /sys /tmp /run /mnt
set -eu
me=initramfs.sh

die()
{
	echo "$me: $*" >&2
	exit 1
}

[ $# -eq 6 ] || die "usage: sh scripts/vm/initramfs.sh ARCH CTBOX" \
	"APPLETS_LIST KDIR SRC OUT"
ARCH=$1 CTBOX=$2 LIST=$3 KDIR=$4 SRC=$5 OUT=$6
R=$OUT.d

for f in "$CTBOX" "$LIST" "$KDIR/busybox" "$KDIR/modules/load.list" \
	"$SRC/tests/lib.sh" "$SRC/tests/vm/init"; do
	[ -e "$f" ] || die "$f is missing"
done
command -v cpio >/dev/null || die "needs cpio (run: sh scripts/deps.sh vm)"

skeleton()
{
	rm -rf "$R"
	for d in bin sbin usr/bin usr/sbin lib/modules dev proc sys tmp run \
		mnt etc tests/vm; do
		mkdir -p "$R/$d"
	done
	chmod 1777 "$R/tmp"
	# the kernel opens /dev/console for PID 1 before any devtmpfs exists;
	# without the node (not root here) /init still finds it after mounting
	[ "$(id -u)" != 0 ] || mknod -m 600 "$R/dev/console" c 5 1
}

ctbox_tree()
{
	sh "$SRC/scripts/install.sh" "$CTBOX" "$LIST" "$R" /usr sym >/dev/null
	cp "$LIST" "$R/etc/ctbox-applets"
	echo "$ARCH" >"$R/etc/ctbox-arch"
	printf '%s\n' root:x:0:0:root:/:/bin/sh \
		nobody:x:65534:65534::/:/bin/false >"$R/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' >"$R/etc/group"
}

busybox_tree()
{
	cp "$KDIR/busybox" "$R/bin/busybox"
	[ ! -e "$KDIR/busybox32" ] || cp "$KDIR/busybox32" "$R/bin/busybox32"
	for t in $(grep -v '^#' "$SRC/tests/vm/busybox.list"); do
		awk -v n="$t" '$1 == n { f = 1 } END { exit !f }' "$LIST" ||
			ln -s busybox "$R/bin/$t"
	done
}

tests_tree()
{
	cp "$KDIR"/modules/* "$R/lib/modules/"
	install -m 755 "$SRC/tests/vm/init" "$R/init"
	cp "$SRC/tests/lib.sh" "$R/tests/lib.sh"
	cp "$SRC"/tests/vm/*.test "$SRC"/tests/vm/*.sh "$R/tests/vm/"
}

skeleton
ctbox_tree
busybox_tree
tests_tree
(cd "$R" && find . | sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -6 >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
echo "  CPIO    $OUT ($(wc -c <"$OUT") bytes)"
