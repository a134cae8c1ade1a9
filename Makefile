# Makefile: build ctbox, one static binary of Linux container primitives
# SPDX-License-Identifier: MIT
#
# make [O=dir] [CROSS_COMPILE=prefix | ARCH=x86_64|aarch64|armhf] [CC=...]
#      [CFLAGS=...] [LDFLAGS=...] [V=1] [WERROR=1] [LIBSECCOMP_DIR=prefix]
# 'make help' lists the targets.

SRC := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
VERSION := 0.1.0

# ARCH is a shorthand for the cross toolchains of Debian's musl-dev:ARCH
ifeq ($(ARCH),aarch64)
CROSS_COMPILE ?= aarch64-linux-musl-
else ifeq ($(ARCH),arm64)
CROSS_COMPILE ?= aarch64-linux-musl-
else ifeq ($(ARCH),armhf)
CROSS_COMPILE ?= arm-linux-musleabihf-
else ifeq ($(ARCH),arm)
CROSS_COMPILE ?= arm-linux-musleabihf-
endif

# A config target given with others (make allnoconfig all): one at a time,
# in order, since what to build is read from the config when make starts.
config-targets := defconfig allnoconfig allyesconfig oldconfig olddefconfig \
	savedefconfig menuconfig %_defconfig
ifneq ($(and $(filter $(config-targets),$(MAKECMDGOALS)),$(filter-out $(config-targets),$(MAKECMDGOALS))),)
$(sort $(MAKECMDGOALS)): __sequential
	@:
__sequential:
	@set -e; for g in $(MAKECMDGOALS); do \
		$(MAKE) --no-print-directory -f $(SRC)/Makefile $$g; done
.PHONY: $(MAKECMDGOALS) __sequential
else

# an ARM build goes to build-ARCH unless O= says otherwise, so that ./ctbox
# stays the host's (scripts/targets.mk keeps every arch's tree so)
ifneq ($(CROSS_COMPILE),)
cross-cpu := $(firstword $(subst -, ,$(notdir $(CROSS_COMPILE))))
O ?= build-$(patsubst arm,armhf,$(cross-cpu))
endif
O ?= .
B := $(O)/build
G := $(B)/gen
CONFIG := $(O)/.config
export KCONFIG_CONFIG := $(abspath $(CONFIG))

ifeq ($(origin CC),default)
CC := $(if $(CROSS_COMPILE),$(CROSS_COMPILE)gcc,musl-gcc)
endif
HOSTCC ?= cc
PREFIX ?= /usr/local
LINKS ?= sym

ifeq ($(V),1)
Q :=
say := @true
else
Q := @
say := @printf '  %-8s %s\n'
endif

# -z noseparate-code saves 8 KiB of padding on x86_64, and a small
# common-page-size lets the data segment start right after the text in the
# file instead of at the next page (up to 4 KiB): the segments are still
# mapped with the right permissions, they just share a page at their edge.
# -fno-jump-tables: the switches over option ids, run once per option,
# are smaller as compares than as tables (270 bytes on x86_64).
# -Oz (GCC 12, clang) is -Os that also takes smaller, slower encodings:
# 1.3 KB less on x86_64 and no slower run, since ctbox spends its time in
# the kernel; a compiler without it gets -Os.
ifeq ($(origin CFLAGS),undefined)
CFLAGS := $(if $(shell $(CC) -Oz -S -o /dev/null -x c /dev/null 2>/dev/null \
	&& echo y),-Oz,-Os)
endif
CT_CFLAGS := -std=gnu11 -Wall -Wextra -Wno-unused-parameter \
	-ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
	-fno-unwind-tables -fno-jump-tables -fno-stack-protector -fno-ident -fno-pie \
	-D_GNU_SOURCE -I$(G) -iquote $(SRC)/core -isystem $(B)/include \
	$(if $(filter 1,$(WERROR)),-Werror)
CT_LDFLAGS := -static -no-pie -Wl,--gc-sections -Wl,--build-id=none \
	-Wl,-z,norelro -Wl,-z,noseparate-code -Wl,-z,common-page-size=64

no-config-goals := clean distclean help menuconfig defconfig allnoconfig \
	allyesconfig oldconfig olddefconfig savedefconfig %_defconfig deps check-all \
	budget
config-goals := $(filter-out $(no-config-goals),$(or $(MAKECMDGOALS),all))
ifneq ($(filter %_defconfig,$(MAKECMDGOALS)),)
config-goals := $(filter-out %_defconfig,$(config-goals))
endif

all: $(O)/ctbox

KCONF := $(B)/kconf
KCONFIG_FILES := $(SRC)/Kconfig $(wildcard $(SRC)/core/Kconfig) $(G)/Kconfig.applets
APPLET_SRCS := $(wildcard $(SRC)/applets/*.c)

$(KCONF): $(SRC)/scripts/kconf.c
	$(say) HOSTCC $@
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -O2 -o $@ $<

$(G)/Kconfig.applets: $(APPLET_SRCS) $(SRC)/scripts/gen-applets.sh
	@mkdir -p $(@D)
	$(Q)sh $(SRC)/scripts/gen-applets.sh kconfig $(SRC) $@

# the config tool runs in the build dir, so 'source "build/gen/..."' finds the
# generated file there and every other file through srctree
kconf = cd $(O) && srctree=$(SRC) $(abspath $(KCONF)) --srctree $(SRC)

$(CONFIG): | $(KCONF) $(G)/Kconfig.applets
	$(say) DEFCONF $(SRC)/configs/defconfig
	$(Q)$(kconf) --defconfig=$(SRC)/configs/defconfig $(SRC)/Kconfig

$(G)/auto.mk $(G)/config.h: $(CONFIG) $(KCONFIG_FILES) $(KCONF)
	$(say) GENCONF $(G)/config.h
	$(Q)$(kconf) --genconfig=$(abspath $(G)/config.h),$(abspath $(G)/auto.mk) $(SRC)/Kconfig
	@touch $(G)/auto.mk

$(B)/lzhelp: $(SRC)/scripts/lzhelp.c
	$(say) HOSTCC $@
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -O2 -o $@ $<

$(G)/objs.mk $(G)/applets.h $(G)/applets.list: $(G)/auto.mk $(APPLET_SRCS) \
		$(wildcard $(SRC)/core/*.c) $(SRC)/scripts/gen-applets.sh $(B)/lzhelp
	$(Q)sh $(SRC)/scripts/gen-applets.sh table $(SRC) $(G) $(abspath $(B)/lzhelp)

defconfig allnoconfig allyesconfig oldconfig olddefconfig: $(KCONF) $(G)/Kconfig.applets
	$(Q)$(kconf) --$@$(if $(filter defconfig,$@),=$(SRC)/configs/defconfig) $(SRC)/Kconfig
%_defconfig: $(KCONF) $(G)/Kconfig.applets
	@test -f $(SRC)/configs/$@ || { echo "no configs/$@" >&2; exit 1; }
	$(Q)$(kconf) --defconfig=$(SRC)/configs/$@ $(SRC)/Kconfig
savedefconfig: $(KCONF) $(G)/Kconfig.applets
	$(Q)$(kconf) --savedefconfig=$(abspath $(O))/defconfig $(SRC)/Kconfig
	@echo "wrote $(O)/defconfig"
menuconfig: $(KCONF) $(G)/Kconfig.applets
	@if command -v kconfig-mconf >/dev/null; then \
		cd $(O) && srctree=$(SRC) kconfig-mconf $(SRC)/Kconfig; \
	elif /usr/bin/python3 -c 'import kconfiglib' 2>/dev/null; then \
		cd $(O) && srctree=$(SRC) /usr/bin/python3 -m menuconfig $(SRC)/Kconfig; \
	else \
		echo "menuconfig needs kconfig-mconf (apt-get install kconfig-frontends-nox)" \
			"or kconfiglib (apt-get install python3-kconfiglib)" >&2; exit 1; \
	fi
	$(Q)$(kconf) --olddefconfig $(SRC)/Kconfig

ifneq ($(config-goals),)
-include $(G)/objs.mk
-include $(G)/auto.mk
endif

# --- toolchain: kernel headers, flags stamp, libseccomp -------------------

# Debian's musl-gcc does not search linux/ asm/ asm-generic/: give it a
# private dir of links to the target's UAPI headers (never -L to glibc's
# lib dir: ld would take glibc's libc.a).
MULTIARCH = $(shell $(CC) -print-multiarch 2>/dev/null)
TRIPLE = $(if $(CROSS_COMPILE),$(patsubst %-,%,$(CROSS_COMPILE)),$(subst -gnu,-musl,$(shell $(CC) -dumpmachine)))
$(B)/include/.stamp:
	@mkdir -p $(@D)
	$(Q)sh $(SRC)/scripts/kheaders.sh "$(CC)" "$(MULTIARCH)" "$(KERNEL_HEADERS)" $(@D)
	@touch $@

# x86's GCC aligns arrays of 32 bytes or more to 32, for vector loads that
# ctbox never makes: the ABI's own alignment saves 270 bytes of padding
ifneq ($(filter x86_64-% i386-% i486-% i586-% i686-%,$(TRIPLE)),)
CT_CFLAGS += -malign-data=abi
endif

FLAGS_NOW := $(CC) $(CFLAGS) $(CT_CFLAGS) | $(LDFLAGS) $(CT_LDFLAGS) | $(LIBSECCOMP_DIR)
$(B)/flags: FORCE
	@mkdir -p $(@D)
	@if [ "$$(cat $@ 2>/dev/null)" != '$(FLAGS_NOW)' ]; then echo '$(FLAGS_NOW)' > $@; fi

ifeq ($(CONFIG_SECCOMP),y)
ifeq ($(LIBSECCOMP_DIR),)
LIBSECCOMP_DIR := $(B)/libseccomp/$(TRIPLE)
$(LIBSECCOMP_DIR)/lib/libseccomp.a: $(SRC)/scripts/libseccomp.sh | $(B)/include/.stamp
	$(say) LIBSECCOMP $(TRIPLE)
	$(Q)rm -f $@ && sh $(SRC)/scripts/libseccomp.sh "$(CC)" $(TRIPLE) $(abspath $(B)/include) $(abspath $(LIBSECCOMP_DIR))
endif
SECCOMP_LIB := $(LIBSECCOMP_DIR)/lib/libseccomp.a
CT_CFLAGS += -isystem $(LIBSECCOMP_DIR)/include
endif

# --- the binary -----------------------------------------------------------

OBJS := $(addprefix $(B)/obj/,$(OBJS-y))
$(B)/obj/%.o: $(SRC)/%.c $(G)/config.h $(G)/applets.h $(B)/flags $(B)/include/.stamp \
		| $(SECCOMP_LIB)
	$(say) CC $*.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(CT_CFLAGS) -DCTBOX_VERSION='"$(VERSION)"' -MMD -MP -c -o $@ $<
-include $(OBJS:.o=.d)

# the capability names of the target's kernel headers
$(G)/capnames.h: $(SRC)/scripts/gen-capnames.sh $(B)/include/.stamp $(B)/flags
	$(say) GEN $@
	$(Q)sh $(SRC)/scripts/gen-capnames.sh "$(CC) -isystem $(B)/include" $@
$(B)/obj/core/captext.o: $(G)/capnames.h

# strerror's texts, compressed: the target's numbers, the host's texts
$(G)/errmsg.h: $(SRC)/scripts/gen-errmsg.sh $(B)/lzhelp $(B)/flags
	$(say) GEN $@
	$(Q)sh $(SRC)/scripts/gen-errmsg.sh "$(CC)" "$(HOSTCC)" $(B)/lzhelp $@
$(B)/obj/core/msg.o: $(G)/errmsg.h

# capsh's --explain lines, compressed as the help texts are
$(G)/capexplain.h: $(SRC)/applets/capsh.c $(SRC)/scripts/gen-lztext.sh $(B)/lzhelp
	$(say) GEN $@
	$(Q)sh $(SRC)/scripts/gen-lztext.sh explain $< $(B)/lzhelp $@
$(B)/obj/applets/capsh.o: $(G)/capexplain.h

$(B)/ctbox.full: $(OBJS) $(SECCOMP_LIB) $(B)/flags
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) $(CT_LDFLAGS) $(LDFLAGS) -Wl,-Map=$(B)/ctbox.map -o $@ $(OBJS) $(SECCOMP_LIB)

$(O)/ctbox: $(B)/ctbox.full
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) $(CT_LDFLAGS) $(LDFLAGS) -s -o $@ $(OBJS) $(SECCOMP_LIB)

# a standalone binary of one applet: make single APPLET=unshare
single:
	@test -n "$(APPLET)" || { echo "usage: make single APPLET=name" >&2; exit 1; }
	@mkdir -p $(O)/single-$(APPLET)
	$(Q)sh $(SRC)/scripts/single.sh $(APPLET) $(SRC) $(O)/single-$(APPLET) > $(O)/single-$(APPLET)/.config
	$(Q)$(MAKE) -f $(SRC)/Makefile O=$(O)/single-$(APPLET) olddefconfig >/dev/null
	$(Q)$(MAKE) -f $(SRC)/Makefile O=$(O)/single-$(APPLET) all
	$(Q)cp $(O)/single-$(APPLET)/ctbox $(O)/$(APPLET)
	@echo "built $(O)/$(APPLET)"

# --- install, sizes -------------------------------------------------------

install: $(O)/ctbox $(G)/applets.list
	$(Q)sh $(SRC)/scripts/install.sh $(O)/ctbox $(G)/applets.list "$(DESTDIR)" "$(PREFIX)" $(LINKS)

sizes: $(O)/ctbox $(B)/ctbox.full
	$(Q)sh $(SRC)/scripts/sizes.sh $(O)/ctbox $(B)/ctbox.map $(SRC)

BASELINE ?= $(SRC)/bench/sizes-baseline.txt
bloatcheck: $(O)/ctbox $(B)/ctbox.full
	$(Q)sh $(SRC)/scripts/sizes.sh $(O)/ctbox $(B)/ctbox.map $(SRC) > $(B)/sizes.now
	$(Q)sh $(SRC)/scripts/bloatcheck.sh $(BASELINE) $(B)/sizes.now
baseline: $(O)/ctbox $(B)/ctbox.full
	$(Q)sh $(SRC)/scripts/sizes.sh $(O)/ctbox $(B)/ctbox.map $(SRC) > $(BASELINE)
	@echo "saved $(BASELINE)"
# what applets add: make budget SYMS="VETH" (defconfig without seccomp)
budget:
	@test -n "$(SYMS)" || { echo 'usage: make budget SYMS="VETH ..."' >&2; exit 1; }
	$(Q)sh $(SRC)/scripts/budget.sh $(SRC) $(O)/build/budget $(SYMS)

# --- tests ----------------------------------------------------------------

TEST_HELPERS := $(patsubst $(SRC)/tests/%.c,$(B)/tests/%,$(wildcard $(SRC)/tests/*.c))
$(B)/tests/unit: $(SRC)/tests/unit.c $(filter $(B)/obj/core/%,$(OBJS)) $(B)/flags
	$(say) CC $@
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(CT_CFLAGS) $(CT_LDFLAGS) -o $@ $< \
		$(filter-out $(B)/obj/core/main.o,$(filter $(B)/obj/core/%,$(OBJS))) $(SECCOMP_LIB)
$(B)/tests/%: $(SRC)/tests/%.c $(B)/flags $(B)/include/.stamp
	$(say) CC $@
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(CT_CFLAGS) $(CT_LDFLAGS) -o $@ $<

check: $(O)/ctbox $(TEST_HELPERS)
	$(Q)CTBOX=$(abspath $(O)/ctbox) TESTBIN=$(abspath $(B)/tests) sh $(SRC)/tests/run.sh $(T)

demo: $(O)/ctbox
	$(Q)CTBOX=$(abspath $(O)/ctbox) sh $(SRC)/scripts/demo.sh

deps:
	$(Q)sh $(SRC)/scripts/deps.sh native

clean:
	rm -rf $(B) $(O)/ctbox
distclean: clean
	rm -f $(CONFIG) $(CONFIG).old

help:
	@echo 'ctbox $(VERSION) build targets:'
	@echo '  all (default)   build ./ctbox (configures with configs/defconfig if no .config)'
	@echo '  defconfig allnoconfig allyesconfig oldconfig olddefconfig savedefconfig'
	@echo '  menuconfig      edit .config (needs kconfig-mconf or python3-kconfiglib)'
	@echo '  NAME_defconfig  use configs/NAME_defconfig'
	@echo '  single APPLET=x build ./x, a standalone binary of applet x'
	@echo '  install         install ctbox and one link per applet (DESTDIR, PREFIX, LINKS=sym|hard)'
	@echo '  sizes           binary size, per applet and per core module'
	@echo '  bloatcheck      compare sizes with bench/sizes-baseline.txt; baseline: save it'
	@echo '  budget SYMS="VETH"  what those applets add (defconfig without seccomp)'
	@echo '  check           run the test suite (T="unshare nsenter" for some;'
	@echo '                  ARCH=aarch64|armhf: under qemu-user)'
	@echo '  check-all       everything CI runs: native suite, cross builds,'
	@echo '                  qemu-user tiers, initramfs tier under qemu-system'
	@echo '  aarch64 armhf cross   cross builds (build-ARCH/ctbox)'
	@echo '  vmcheck         boot Debian kernels with ctbox in an initramfs (ARCH= one)'
	@echo '  sizes-all       the size table of every architecture'
	@echo '  demo            the walk-through of README.md'
	@echo '  deps            install the build and test dependencies (apt, as root)'
	@echo '  clean distclean'
	@echo 'variables: O= CROSS_COMPILE= ARCH= CC= CFLAGS= LDFLAGS= V=1 WERROR=1 LIBSECCOMP_DIR='

-include $(SRC)/scripts/targets.mk

FORCE:
.PHONY: all single install sizes bloatcheck baseline budget check check-all demo deps clean \
	distclean help menuconfig defconfig allnoconfig allyesconfig oldconfig \
	olddefconfig savedefconfig FORCE
.DELETE_ON_ERROR:

endif
