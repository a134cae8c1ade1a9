/* sys.h: raw wrappers for the system calls musl does not wrap */
/* SPDX-License-Identifier: MIT */
#ifndef SYS_H
#define SYS_H

#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>

/* numbers from 424 on are the same on every architecture */
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

/*
 * ctbox is single-threaded: musl's setuid() and friends stop every thread
 * to apply the change to each (__synccall), which costs 3 KB we don't need.
 * On 32-bit ARM the plain numbers are the old 16-bit calls.
 */
#ifdef SYS_setuid32
#define SYS_setuid_ SYS_setuid32
#define SYS_setgid_ SYS_setgid32
#define SYS_setgroups_ SYS_setgroups32
#define SYS_setresuid_ SYS_setresuid32
#define SYS_setresgid_ SYS_setresgid32
#else
#define SYS_setuid_ SYS_setuid
#define SYS_setgid_ SYS_setgid
#define SYS_setgroups_ SYS_setgroups
#define SYS_setresuid_ SYS_setresuid
#define SYS_setresgid_ SYS_setresgid
#endif

static inline int sys_setuid(unsigned uid)
{
	return syscall(SYS_setuid_, uid);
}

static inline int sys_setgid(unsigned gid)
{
	return syscall(SYS_setgid_, gid);
}

static inline int sys_setgroups(size_t n, const unsigned *gids)
{
	return syscall(SYS_setgroups_, n, gids);
}

static inline int sys_setresuid(unsigned r, unsigned e, unsigned s)
{
	return syscall(SYS_setresuid_, r, e, s);
}

static inline int sys_setresgid(unsigned r, unsigned e, unsigned s)
{
	return syscall(SYS_setresgid_, r, e, s);
}

/* the kernel's getcwd: musl's wrapper links malloc in (for getcwd(NULL));
 * a directory out of our root comes back without its leading '/' */
static inline int sys_getcwd(char *buf, size_t size)
{
	return syscall(SYS_getcwd, buf, size) > 0 && buf[0] == '/';
}

/* musl's pipe2 carries a fallback for kernels older than 2.6.27 */
static inline int sys_pipe2(int fd[2], int flags)
{
	return syscall(SYS_pipe2, fd, flags);
}

/* prlimit64 on ourselves: musl's setrlimit also goes through __synccall */
static inline int sys_setrlimit(int res, unsigned long long cur,
				unsigned long long max)
{
	unsigned long long lim[2] = { cur, max };

	return syscall(SYS_prlimit64, 0, res, lim, NULL);
}

/*
 * Back to the default action of sig. musl's sigaction() also installs its
 * restorer and keeps books for handlers, 600 bytes we need for nothing:
 * ctbox never sets a handler. The kernel's struct sigaction is handler,
 * flags, restorer, mask on x86_64, aarch64 and arm alike.
 */
static inline int sys_sigdfl(int sig)
{
	struct {
		void *handler;
		unsigned long flags;
		void *restorer;
		unsigned long mask[2];
	} dfl = { 0 };

	return syscall(SYS_rt_sigaction, sig, &dfl, NULL, 8);
}

static inline int sys_pidfd_open(pid_t pid, unsigned flags)
{
	return syscall(SYS_pidfd_open, pid, flags);
}

static inline int sys_pidfd_send_signal(int fd, int sig, siginfo_t *info,
					unsigned flags)
{
	return syscall(SYS_pidfd_send_signal, fd, sig, info, flags);
}

static inline int sys_pidfd_getfd(int pidfd, int fd, unsigned flags)
{
	return syscall(SYS_pidfd_getfd, pidfd, fd, flags);
}

/* musl's fchdir falls back on chdir("/proc/self/fd/N"), its ioctl converts
 * time64 requests: neither is needed for a directory or an nsfs request */
static inline int sys_fchdir(int fd)
{
	return syscall(SYS_fchdir, fd);
}

static inline int sys_ioctl(int fd, unsigned long req)
{
	return syscall(SYS_ioctl, fd, req, 0);
}

/* musl's openat takes a mode through varargs (150 bytes on x86-64) that
 * opening an existing file never needs */
static inline int sys_openat(int dirfd, const char *path, int flags)
{
	return syscall(SYS_openat, dirfd, path, flags);
}

/* statx (Linux 4.11; musl 1.2.3 has no wrapper): the caller includes
 * <linux/stat.h> for struct statx */
struct statx;
static inline int sys_statx(int dirfd, const char *path, int flags,
			    unsigned mask, struct statx *st)
{
	return syscall(SYS_statx, dirfd, path, flags, mask, st);
}

/* an anonymous private mapping: musl's mmap checks offsets we never pass.
 * MAP_FAILED (with errno) on failure. 32-bit ARM has only mmap2. */
static inline void *sys_mmap_anon(unsigned long size, int prot, int flags)
{
#ifdef SYS_mmap2
	return (void *)syscall(SYS_mmap2, 0, size, prot, flags, -1, 0);
#else
	return (void *)syscall(SYS_mmap, 0, size, prot, flags, -1, 0);
#endif
}

#endif
