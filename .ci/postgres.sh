# Sourced by .ci/run: Debian's PostgreSQL for the fleet console's tests. Exports FLEET_TEST_DATABASE_URL
# (a role and database of their own, a fresh password every run) and FLEET_TEST_REQUIRE_POSTGRES=1.
sudo_=""
[ "$(id -u)" -eq 0 ] || sudo_="sudo"
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq postgresql >/dev/null
fi
# The first cluster (Debian's package creates one; a machine without any gets one).
if [ -z "$(pg_lsclusters --no-header)" ]; then
  $sudo_ pg_createcluster "$(ls /usr/lib/postgresql | sort -V | tail -1)" main >/dev/null
fi
read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters --no-header | head -1)
if [ "$pg_status" != "online" ]; then
  $sudo_ pg_ctlcluster "$pg_version" "$pg_cluster" start
fi
pg_password="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
$sudo_ runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -p "$pg_port" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fleet') THEN CREATE ROLE fleet LOGIN; END IF;
END \$\$;
ALTER ROLE fleet PASSWORD '$pg_password';
SQL
if ! $sudo_ runuser -u postgres -- psql -p "$pg_port" -Atc "SELECT 1 FROM pg_database WHERE datname = 'fleet'" | grep -q 1; then
  $sudo_ runuser -u postgres -- createdb -p "$pg_port" -O fleet fleet
fi
export FLEET_TEST_DATABASE_URL="postgres://fleet:${pg_password}@127.0.0.1:${pg_port}/fleet"
export FLEET_TEST_REQUIRE_POSTGRES=1
echo "PostgreSQL ${pg_version}/${pg_cluster} on port ${pg_port} for the fleet tests"
