# targets.mk: cross builds, the qemu-user and VM test tiers, CI's check-all
# SPDX-License-Identifier: MIT
#
# Included at the end of the Makefile; docs/targets.md tells the whole story.
#   make aarch64 | armhf        build that arch's tree (build-ARCH/ctbox)
#   make check ARCH=aarch64     the test suite, the binary run by qemu-user
#   make cross                  build aarch64 and armhf and check the ELF
#   make vmcheck [ARCH=...]     boot Debian's kernel of each arch (all three
#                               by default) with ctbox in an initramfs
#   make sizes-all              the size table of every arch
#   make check-all              CI: deps, native, cross, qemu-user, vm tiers
# The tree of the host's arch is O (default .); an ARM tree is O/build-ARCH,
# or this make's own O when ARCH= or CROSS_COMPILE= names that arch.

CT_ARCHES := x86_64 aarch64 armhf
CT_HOST := $(patsubst armv%,armhf,$(shell uname -m))
ct-arch := $(if $(CROSS_COMPILE),$(patsubst arm,armhf,$(firstword \
	$(subst -, ,$(notdir $(CROSS_COMPILE))))),$(CT_HOST))
ct-qemu-aarch64 := qemu-aarch64-static
ct-qemu-armhf := qemu-arm-static
ct-qemu-x86_64 := qemu-x86_64-static

# the host's tree, where the other arches' trees and the VM files live
ct-base := $(if $(filter $(CT_HOST),$(ct-arch)),$(O),.)
VM_WORK ?= $(ct-base)/build/vm
VM_ARCHES ?= $(if $(filter-out undefined default,$(origin ARCH) \
	$(origin CROSS_COMPILE)),$(ct-arch),$(CT_ARCHES))

# A cross toolchain that scripts/deps.sh had to unpack (apt would have had
# to remove packages to install it): found at the end of PATH, so that an
# installed one wins, and its kernel headers given to scripts/kheaders.sh.
XCC_DIR ?= $(SRC)/build/xcc
ifneq ($(wildcard $(XCC_DIR)/bin/*-gcc),)
export PATH := $(PATH):$(XCC_DIR)/bin
ifneq ($(CROSS_COMPILE),)
ifeq ($(wildcard /usr/bin/$(CROSS_COMPILE)gcc),)
KERNEL_HEADERS ?= $(firstword \
	$(wildcard $(XCC_DIR)/$(ct-arch)/usr/*-linux-*/include))
endif
endif
endif

# --- make check for another arch: under qemu-user -------------------------
#
# tests/run.sh runs $CTBOX as "$QEMU ctbox". The helper programs of tests/
# are test equipment: they are built for the host, since the shell runs them
# and ctbox under qemu-user can exec host programs but not ARM ones (no
# binfmt_misc). Only the unit test, which links the core, stays ARM; it is
# run as "$QEMU $TESTBIN/unit".
ifneq ($(ct-arch),$(CT_HOST))
QEMU ?= $(ct-qemu-$(ct-arch))
check: export QEMU := $(QEMU)
check: ct-qemu-ok
ct-qemu-ok:
	@command -v $(firstword $(QEMU)) >/dev/null || { echo "make check" \
		"ARCH=$(ct-arch): needs $(firstword $(QEMU)) (run: sh" \
		"scripts/deps.sh cross)" >&2; exit 1; }

CT_HOST_HELPERS := $(filter-out $(B)/tests/unit,$(TEST_HELPERS))
$(CT_HOST_HELPERS): private CC := musl-gcc
$(CT_HOST_HELPERS): private CT_CFLAGS := $(subst -isystem $(B)/include,\
	-isystem $(B)/host/include,$(CT_CFLAGS))
$(CT_HOST_HELPERS): $(B)/host/include/.stamp
$(B)/host/include/.stamp:
	@mkdir -p $(@D)
	$(Q)sh $(SRC)/scripts/kheaders.sh musl-gcc \
		"$$(musl-gcc -print-multiarch 2>/dev/null)" "" $(@D)
	@touch $@
endif

# --- the per-arch targets (scripts/targets.sh) ----------------------------

ct-run = +$(Q)MAKE='$(MAKE)' CT_SRC='$(SRC)' CT_O='$(ct-base)' \
	CT_HOST='$(CT_HOST)' CT_TREE_$(ct-arch)='$(O)' VM_WORK='$(VM_WORK)' \
	XCC_DIR='$(XCC_DIR)' sh $(SRC)/scripts/targets.sh

aarch64 armhf:
	$(ct-run) build $@
cross:
	$(ct-run) cross
vmcheck:
	$(ct-run) vm $(VM_ARCHES)
sizes-all:
	$(ct-run) sizes
check-all:
	$(ct-run) all

.PHONY: aarch64 armhf cross vmcheck sizes-all check-all ct-qemu-ok
