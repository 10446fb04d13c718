# Shell pieces the side-by-side bench scripts share, so that both servers get the same configuration
# in every script. Sourced, not run: "source "$ROOT/bench/lib/common.sh"" after the script sets ROOT
# (the checkout). Defines LMDB_FLAGS, INDICES, write_config and median.
# shellcheck shell=bash

# lmdbjava reads the JDK's buffer internals: every JVM that opens a database needs these.
LMDB_FLAGS=(--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED)
# The same indices for both: the attributes, substring indices where people search by substring.
INDICES=("objectClass eq" "uid eq" "cn,sn,mail eq,sub" "member eq")

# Writes a slapd.conf for one side: the same schema files (conf/schema holds OpenLDAP's), suffix,
# rootdn, size and INDICES for slapd and for ours. The extra lines go in the global section (modules,
# pidfile, limits); lines for the database section follow a "--".
write_config() { # file directory [global-line...] [-- database-line...]
  local file="$1" dir="$2" line
  shift 2
  local global=() database=()
  while (($#)) && [[ "$1" != -- ]]; do global+=("$1"); shift; done
  if (($#)); then shift; database=("$@"); fi
  {
    for s in core cosine inetorgperson nis; do echo "include $ROOT/conf/schema/$s.schema"; done
    for line in ${global[@]+"${global[@]}"}; do echo "$line"; done
    echo "database mdb"
    echo "suffix \"dc=example,dc=com\""
    echo "rootdn \"cn=admin,dc=example,dc=com\""
    for line in ${database[@]+"${database[@]}"}; do echo "$line"; done
    echo "directory $dir"
    echo "maxsize 17179869184"
    for i in "${INDICES[@]}"; do echo "index $i"; done
  } >"$file"
}

# The median of the numbers on stdin, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
