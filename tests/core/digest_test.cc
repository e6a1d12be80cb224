#include "core/digest.h"

#include <gnu/libc-version.h>
#include <gtest/gtest.h>

#include "core/base64.h"
#include "core/build_identity.h"
#include "core/fnv.h"
#include "support/test_support.h"

namespace ae::core {
namespace {

TEST(Digest, KnownVectors) {
  EXPECT_EQ(digest_hex(DigestAlgorithm::kMd5, ""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(digest_hex(DigestAlgorithm::kSha1, "abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(
      digest_hex(DigestAlgorithm::kSha384, "abc"),
      "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca"
      "134c825a7");
  EXPECT_EQ(
      digest_hex(DigestAlgorithm::kSha512, "abc"),
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c2"
      "3a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST(Digest, Sha256InPiecesIsTheSha256OfTheWhole) {
  const std::string whole(300'000, 'x');
  Sha256 pieces;
  pieces.update("").update(std::string_view(whole).substr(0, 7));
  pieces.update(std::string_view(whole).substr(7));
  EXPECT_EQ(pieces.hex(), sha256_hex(whole));
  EXPECT_EQ(Sha256().update("abc").hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(BuildIdentity, IsTheExecutablesSha256AndTheCLibrarysVersion) {
  EXPECT_EQ(build_identity(),
            sha256_hex(test::file_text("/proc/self/exe")) + " glibc " + gnu_get_libc_version());
}

TEST(Base64, PaddedStandardAlphabetDecodedStrictly) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("ab"), "YWI=");
  EXPECT_EQ(base64_encode("a"), "YQ==");
  EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
  EXPECT_EQ(base64_decode("YWI="), "ab");
  EXPECT_EQ(base64_decode("YQ=="), "a");
  EXPECT_EQ(base64_decode(""), "");
  EXPECT_EQ(base64_decode("+/8="), "\xfb\xff");
  for (const char* bad : {"YW=I", "YWI", "Y===", "YQ==YQ==", " YWI=", "YWI=\n", "YW-_"})
    EXPECT_FALSE(base64_decode(bad)) << bad;
}

// The start value every stored model version and seed was made with; a
// field is its bytes and a zero byte.
TEST(Fnv1a, KeepsItsStartValueAndEndsEachFieldWithAZeroByte) {
  EXPECT_EQ(Fnv1a().value(), 1469598103934665603ull);
  EXPECT_EQ(Fnv1a().add("alpha-engine").value(), 0x5defb9ac6104ccbaull);
  EXPECT_EQ(Fnv1a().add_field("alpha-engine").value(), 0xa32539e8db27e00eull);
  EXPECT_EQ(Fnv1a().add("alpha-").add("engine").value(), Fnv1a().add("alpha-engine").value());
  EXPECT_NE(Fnv1a().add_field("ab").add_field("c").value(),
            Fnv1a().add_field("a").add_field("bc").value());
}

}  // namespace
}  // namespace ae::core
