# applets.sh: make the guest's shell run ctbox's applets, not busybox's
# SPDX-License-Identifier: MIT
#
# Debian's busybox is built with FEATURE_SH_STANDALONE: its shell runs its
# own applet of a name (busybox has unshare and nsenter too) before looking
# at PATH. A function per ctbox applet, calling the installed link by its
# path, puts ctbox first for the test scripts; programs that ctbox itself
# execs are found through PATH, where /usr/bin and /usr/sbin come first.
while read -r _name _dir; do
	eval "$_name() { /usr/$_dir/$_name \"\$@\"; }"
done </etc/ctbox-applets
