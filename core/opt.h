/* opt.h: the table-driven option parser shared by every applet */
/* SPDX-License-Identifier: MIT */
#ifndef OPT_H
#define OPT_H

/*
 * One table per applet (OPT_TABLE below). The parser bundles short options
 * (-mnu), takes required arguments attached or separate (-tPID,
 * -t PID, --target=PID, --target PID), optional ones only attached (-nFILE,
 * --net=FILE), accepts an unambiguous prefix of a long name, stops at "--"
 * (consumed) or at the first non-option (left in place), and never permutes
 * argv. --help and --version (and -h, -V unless the table uses those letters)
 * are answered here. Ids are 1..61 (62, 63 are --help, --version); the
 * applet names them with an enum.
 */
/* OPT_OPT_LONG: an optional argument with the long name only (--net=FILE),
 * while the short letter takes none and bundles (-mnpf), as util-linux's
 * unshare has it */
enum { OPT_NONE, OPT_REQ, OPT_OPT, OPT_OPT_LONG };

/*
 * An applet's table is a list of X(LONG, SHORT, ARG, ID) entries, LONG ""
 * for none and SHORT 0 for none, turned by OPT_TABLE(name, LIST) into the
 * entries and, apart, their long names, NUL-separated in the same order:
 * 2 bytes an entry instead of 10 with a pointer to its name.
 */
struct opt {
	char sh;		/* short letter, or 0 */
	unsigned char arg : 2;	/* OPT_NONE, OPT_REQ, OPT_OPT or
				 * OPT_OPT_LONG */
	unsigned char id : 6;
};

struct opt_table {
	const struct opt *tab;	/* ended by an entry with id 0 */
	const char *lng;	/* "name\0\0other\0..." */
};

#define OPT_ENTRY_(lng, sh, arg, id) { (sh), (arg), (id) },
#define OPT_LONG_(lng, sh, arg, id) lng "\0"
#define OPT_TABLE(name, list) \
	static const struct opt name##_tab_[] = { list(OPT_ENTRY_) { 0 } }; \
	static const struct opt_table name = { name##_tab_, list(OPT_LONG_) }

struct optstate {
	int argc;
	char **argv;
	int ind;		/* next argv element to look at */
	const char *bundle;	/* rest of a bundle of short options */
	unsigned long long seen;	/* bit id: the option was given */
	const struct opt_table *t;
};

void opt_init(struct optstate *st, const struct opt_table *t, int argc,
	      char **argv);
/* the next option's id, its argument in *arg (NULL if none); 0 at the end:
 * then argv[st->ind] is the first operand */
int opt_next(struct optstate *st, const char **arg);

/* pairs of ids that exclude each other, ended by { 0, 0 } */
void opt_conflicts(const struct optstate *st, const unsigned char (*pairs)[2]);
/* "--name" or "-x" of an id, for messages */
#define OPT_NAME_MAX 40
const char *opt_name(const struct optstate *st, int id, char buf[OPT_NAME_MAX]);
#define OPT_SEEN(st, id) (((st)->seen >> (id)) & 1)

#endif
