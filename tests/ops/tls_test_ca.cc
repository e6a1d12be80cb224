#include "tls_test_ca.h"

#include <fstream>

#include "core/error.h"
#include "core/subprocess.h"

namespace ae::ops::testing {

namespace {

constexpr const char* kCaConfig = R"([req]
distinguished_name = dn
prompt = no
[dn]
CN = alpha-engine test CA
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
)";

constexpr const char* kServerConfig = R"([req]
distinguished_name = dn
prompt = no
[dn]
CN = localhost
[v3_server]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost
authorityKeyIdentifier = keyid
)";

void run(const std::string& command, const std::filesystem::path& dir) {
  const auto result = core::run_process("cd '" + dir.string() + "' && " + command, "", {},
                                        std::chrono::seconds(60));
  if (result.exit_code != 0)
    throw core::IoError("test CA: '" + command + "' failed: " + result.err);
}

}  // namespace

TestCa::TestCa() {
  std::ofstream(dir_.path() / "ca.cnf") << kCaConfig;
  std::ofstream(dir_.path() / "server.cnf") << kServerConfig;
  const std::string key = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  for (const std::string name : {"ca", "other_ca"})
    run("openssl req -x509 -config ca.cnf -extensions v3_ca " + key + " -keyout " + name +
            ".key -out " + name + ".pem -days 2",
        dir_.path());
  run("openssl req -new -config server.cnf " + key + " -keyout server.key -out server.csr",
      dir_.path());
  run("openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial 2 -days 2 "
      "-extfile server.cnf -extensions v3_server -out server.pem",
      dir_.path());
}

}  // namespace ae::ops::testing
