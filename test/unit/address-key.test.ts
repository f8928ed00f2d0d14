import { describe, expect, it } from "vitest";
import { addressKey } from "../../src/auth/address-limit";

describe("the client address a failed-authentication limit counts against", () => {
	it.each([
		["IPv4 as it is", "198.51.100.7", "198.51.100.7"],
		["IPv6 by its /64", "2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3:8d3::/64"],
		["IPv6 compressed", "2001:db8::1", "2001:db8:0:0::/64"],
		["IPv6 with leading zeros and capitals", "2001:0DB8:0000:0001::ff", "2001:db8:0:1::/64"],
		["IPv6 compressed inside the prefix", "2001:db8::5:0:0:1", "2001:db8:0:0::/64"],
		["IPv6 loopback", "::1", "0:0:0:0::/64"],
		["IPv4-mapped IPv6 as IPv4", "::ffff:198.51.100.7", "198.51.100.7"],
	])("%s", (_name, ip, key) => {
		expect(addressKey(ip)).toBe(key);
	});

	it("two hosts of one /64 are one address; two /64s are two", () => {
		expect(addressKey("2001:db8:1:2::a")).toBe(addressKey("2001:db8:1:2:ffff:ffff:ffff:ffff"));
		expect(addressKey("2001:db8:1:2::a")).not.toBe(addressKey("2001:db8:1:3::a"));
	});
});
