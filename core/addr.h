/* addr.h: network addresses as text: IPv4 and IPv6 with prefixes, MAC */
/* SPDX-License-Identifier: MIT */
#ifndef ADDR_H
#define ADDR_H

/* an IP address and its prefix length */
struct cidr {
	unsigned char family;	/* AF_INET or AF_INET6 */
	unsigned char len;	/* prefix length */
	unsigned char size;	/* bytes of addr: 4 or 16 */
	unsigned char addr[16];
	const char *text;	/* as the user wrote it, for messages */
};

/* what addr_parse found wrong */
enum { ADDR_OK, ADDR_BAD, ADDR_NO_PREFIX, ADDR_PREFIX_RANGE,
       ADDR_HAS_PREFIX };

/* "10.0.0.1/24", "fd00::1/64" (prefix: want one) or "10.0.0.1" (prefix 0:
 * want none; the length is then the address's full one). ADDR_OK or what
 * is wrong. */
int addr_parse(struct cidr *c, const char *s, int prefix);

/* an address as text (IPv6 in RFC 5952's shortest form) and, if len >= 0,
 * "/len"; buf holds ADDR_TEXT_MAX bytes */
#define ADDR_TEXT_MAX 48
char *addr_format(char *buf, int family, const void *addr, int len);

/* a MAC address "02:00:5e:10:00:01" (one or two hex digits a byte) */
int addr_mac_parse(unsigned char mac[6], const char *s);
/* n bytes as hex separated by colons; buf holds 3 * n bytes */
char *addr_mac_format(char *buf, const unsigned char *mac, int n);

#endif
