/* main.c: the multicall entry: run the applet named by argv[0] or argv[1] */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "ctbox.h"
#include "applets.h"
#include "msg.h"
#include "out.h"
#include "proc.h"
#include "str.h"
#include "sys.h"

const struct applet *applet_cur;
const char *applet_invocation;

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* pointers, not an index: a build with no applet compares nothing */
#define EACH_APPLET(a) \
	for (a = applets; a < applets + APPLET_COUNT; a++)

const struct applet *applet_find(const char *name)
{
	const struct applet *a;

	EACH_APPLET(a)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

void applet_help(const struct applet *a)
{
	char text[HELP_SIZE];	/* not .bss, where it parts main's small
				 * variables onto two pages */

	if (!a) {
		out_str("Usage: ctbox APPLET [ARGUMENT...]\n");
		return;
	}
	lz_expand(help_all, HELP_LZ_LEN, text);
	out_mem(text + a->help_off, a->help_len);
	if (CFG_FULL_HELP)
		out_str("\n -h, --help                display this help\n"
			" -V, --version             display version\n");
	out_flush();
}

/* called as "ctbox APPLET": messages say "ctbox: APPLET: ..." */
static int run(const struct applet *a, int argc, char **argv, int prefixed)
{
	static char pre[48], inv[48];

	applet_cur = a;
	applet_invocation = a->name;
	if (prefixed && strlen(a->name) < 32) {
		applet_invocation = str_join(inv, sizeof(inv), "ctbox ",
					     a->name);
		msg_prefix(str_join(pre, sizeof(pre), "ctbox: ", a->name));
	} else {
		msg_prefix(a->name);
	}
	return a->main(argc, argv);
}

static int list(int full)
{
	const struct applet *a;

	EACH_APPLET(a) {
		if (full) {
			out_str(a->sbin ? "usr/sbin/" : "usr/bin/");
		}
		out_str(a->name);
		out_char('\n');
	}
	return out_close();
}

static int usage(void)
{
	const struct applet *a;

	out_str("ctbox " CTBOX_VERSION
		": namespaces, cgroups, capabilities and seccomp\n\n"
		"Usage: ctbox APPLET [ARGUMENT...]\n"
		"   or: APPLET [ARGUMENT...]    (a link named after the"
		" applet)\n"
		"   or: ctbox --list | --list-full\n"
		"   or: ctbox --install [-s] [DIR]\n"
		"   or: ctbox --help [APPLET] | --version\n\n"
		"--install makes a hard link (-s: a symbolic link) to ctbox"
		" for\n"
		"each applet, in DIR, or in /usr/bin and /usr/sbin.\n\n"
		"Applets:");
	EACH_APPLET(a) {
		out_str(a == applets ? " " : ", ");
		out_str(a->name);
	}
	out_char('\n');
	return out_close();
}

/* our own path, for links to it: /proc/self/exe, else argv[0] (found in
 * PATH if it has no slash), since an initramfs may have no /proc yet */
static const char *self_path(const char *argv0, char *buf, size_t size)
{
	char dir[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);

	if (n > 0) {
		buf[n] = 0;
		return buf;
	}
	if (argv0[0] != '/' && strchr(argv0, '/') &&
	    sys_getcwd(dir, sizeof(dir)))
		return str_join(buf, size, dir, "/", argv0);
	if (proc_which("", argv0, buf, size))
		return buf;
	die("cannot find my own path: /proc is not mounted and ", argv0,
	    " is not in PATH");
}

static int install_one(const char *self, const char *dst, int sym)
{
	if (!(sym ? symlink(self, dst) : link(self, dst)))
		return 0;
	if (errno == EEXIST) {
		warn(dst, " exists, not replaced");
		return 0;
	}
	warn_errno("cannot link ", dst, errno == EXDEV ?
		   " (another file system: use -s)" : "");
	return 1;
}

static int install(int argc, char **argv)
{
	char self[PATH_MAX], dst[PATH_MAX];
	const char *dir = NULL;
	const struct applet *a;
	int sym = 0, i, st = 0;

	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "-s"))
			sym = 1;
		else if (!dir && argv[i][0] != '-')
			dir = argv[i];
		else
			die_usage("--install: unexpected argument '",
				  argv[i], "'");
	}
	self_path(argv[0], self, sizeof(self));
	if (!dir) {
		mkdir("/usr", 0755);
		mkdir("/usr/bin", 0755);
		mkdir("/usr/sbin", 0755);
	}
	EACH_APPLET(a) {
		if (!(dir ? str_join(dst, sizeof(dst), dir, "/", a->name) :
		      str_join(dst, sizeof(dst), a->sbin ? "/usr/sbin/" :
			       "/usr/bin/", a->name)))
			die_errno("cannot link ", dir ? dir : "/usr", "/",
				  a->name);
		st |= install_one(self, dst, sym);
	}
	return st;
}

static int ctbox_main(int argc, char **argv)
{
	const struct applet *a;
	const char *arg = argv[1];

	if (!arg || !strcmp(arg, "--help") || !strcmp(arg, "-h")) {
		if (arg && argv[2]) {
			if (!(a = applet_find(argv[2])))
				die_status(127, 0, argv[2],
					   ": applet not found");
			applet_help(a);
			return out_close();
		}
		return usage();
	}
	if (!strcmp(arg, "--version") || !strcmp(arg, "-V")) {
		out_str("ctbox " CTBOX_VERSION "\n");
		return out_close();
	}
	if (!strcmp(arg, "--list") || !strcmp(arg, "--list-full"))
		return list(arg[6] == '-');
	if (!strcmp(arg, "--install"))
		return install(argc, argv);
	if (arg[0] == '-')
		die_usage("unrecognized option '", arg, "'");
	if (!(a = applet_find(arg)))
		die_status(127, 0, arg, ": applet not found");
	return run(a, argc - 1, argv + 1, 1);
}

int main(int argc, char **argv)
{
	const struct applet *a;
	const char *name = base(argv[0] ? argv[0] : "ctbox");

	/* one applet: it runs whatever the binary is called; "ctbox APPLET"
	 * still works */
	if (APPLET_COUNT == 1) {
		if (argv[1] && !strcmp(argv[1], applets[0].name))
			return run(&applets[0], argc - 1, argv + 1, 1);
		return run(&applets[0], argc, argv, 0);
	}
	if ((a = applet_find(name)))
		return run(a, argc, argv, 0);
	if (strncmp(name, "ctbox", 5))
		die_status(127, 0, name, ": applet not found");
	return ctbox_main(argc, argv);
}
