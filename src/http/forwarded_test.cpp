#include "http/forwarded.hpp"

#include <gtest/gtest.h>

namespace ngoaivu::http {
namespace {

TrustedProxies Trust(std::string_view list) {
    auto t = TrustedProxies::Parse(list);
    EXPECT_TRUE(t.ok()) << list;
    return t ? *t : TrustedProxies();
}

TEST(TrustedProxies, MatchAddressesAndNetworksOfBothFamilies) {
    auto t = Trust(" 127.0.0.1, 10.0.0.0/8 ,192.168.1.128/25, ::1, fd00::/8");
    EXPECT_TRUE(t.Contains("127.0.0.1"));
    EXPECT_TRUE(t.Contains("10.200.3.4"));
    EXPECT_TRUE(t.Contains("192.168.1.200"));
    EXPECT_FALSE(t.Contains("192.168.1.127"));
    EXPECT_FALSE(t.Contains("11.0.0.1"));
    EXPECT_TRUE(t.Contains("::1"));
    EXPECT_TRUE(t.Contains("fd12:3456::1"));
    EXPECT_FALSE(t.Contains("2001:db8::1"));
    EXPECT_TRUE(t.Contains("::ffff:10.1.2.3")) << "an IPv4-mapped address is its IPv4 address";
    EXPECT_FALSE(t.Contains("not an address"));
}

TEST(TrustedProxies, EmptyListTrustsNobody) {
    auto t = Trust("");
    EXPECT_TRUE(t.empty());
    EXPECT_EQ(t.ClientAddress("127.0.0.1", "203.0.113.7"), "127.0.0.1");
}

TEST(TrustedProxies, RejectMalformedEntriesNamingThem) {
    for (std::string_view bad : {"10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0/8", "proxy.local",
                                 "10.0.0.1/-1", "1.2.3.4/8x"}) {
        auto t = TrustedProxies::Parse(std::string("127.0.0.1,") + std::string(bad));
        ASSERT_FALSE(t.ok()) << bad;
        EXPECT_EQ(t.error().field, "trusted_proxies");
        EXPECT_NE(t.error().message_en.find(std::string(bad)), std::string::npos);
        EXPECT_NE(t.error().message_vi.find(std::string(bad)), std::string::npos);
    }
}

TEST(TrustedProxies, BelieveTheHeaderOnlyFromATrustedProxy) {
    auto t = Trust("127.0.0.1");
    EXPECT_EQ(t.ClientAddress("127.0.0.1", "203.0.113.7"), "203.0.113.7");
    EXPECT_EQ(t.ClientAddress("198.51.100.9", "203.0.113.7"), "198.51.100.9")
        << "a client cannot pick its own address";
    EXPECT_EQ(t.ClientAddress("127.0.0.1", std::nullopt), "127.0.0.1");
}

TEST(TrustedProxies, TakeTheRightMostAddressThatIsNotAProxy) {
    auto t = Trust("127.0.0.1, 10.0.0.0/8");
    // The client wrote "1.1.1.1" itself; 203.0.113.7 connected to the outer proxy 10.0.0.5.
    EXPECT_EQ(t.ClientAddress("127.0.0.1", "1.1.1.1, 203.0.113.7, 10.0.0.5"), "203.0.113.7");
    EXPECT_EQ(t.ClientAddress("127.0.0.1", "10.0.0.7,10.0.0.5"), "10.0.0.7")
        << "every hop a proxy: the farthest one";
    EXPECT_EQ(t.ClientAddress("127.0.0.1", "garbage, 203.0.113.7"), "203.0.113.7");
    EXPECT_EQ(t.ClientAddress("127.0.0.1", "203.0.113.7, garbage"), "127.0.0.1")
        << "a malformed hop stops the walk";
    EXPECT_EQ(t.ClientAddress("127.0.0.1", "[2001:db8::7]"), "2001:db8::7");
}

}  // namespace
}  // namespace ngoaivu::http
