/* seccomp.h: seccomp filters from syscall lists and policy files */
/* SPDX-License-Identifier: MIT */
#ifndef CTBOX_SECCOMP_H
#define CTBOX_SECCOMP_H

/*
 * The rules accumulate, in the order given, into one filter that covers
 * every ABI the kernel runs for the native architecture (i386 and x32 on
 * x86_64, arm on aarch64). Nothing is built until sc_finish(), so that
 * --seccomp-action can stand anywhere. Bad input dies naming the object
 * (the syscall, or FILE:LINE).
 */

/* --seccomp-deny=LIST (allow 0) and --seccomp-allow=LIST (allow 1) */
void sc_list(const char *names, int allow);
/* --seccomp-action=errno[:N]|kill|kill-process|trap|log: the action of
 * the deny-list, and of everything an allow-list leaves out */
void sc_action(const char *word);
/* --seccomp=FILE: "default ACTION", "ACTION SYSCALL [argN OP VALUE]..." */
void sc_file(const char *path);
/* --seccomp-export=FILE: write the BPF program there */
void sc_export(const char *path);

/* build the filter, export it if asked, and load it if load is set: the
 * very last step before execve, so that our own setup is not filtered */
void sc_finish(int load);

#endif
