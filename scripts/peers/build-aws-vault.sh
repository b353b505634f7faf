#!/usr/bin/env bash
# Builds aws-vault 7.2.0 (99designs), the hot-path anchor, offline: Go and most libraries from
# Debian; aws-vault and five libraries from local bare git copies of their public repositories
# (99designs/aws-vault, 99designs/keyring, alecthomas/kingpin, gsterjov/go-libsecret,
# mtibben/percent, xhit/go-str2duration), each at $MIRROR/<owner>+<name>/repo.
# Fetch each once, e.g. `git clone --bare https://github.com/99designs/aws-vault
# "$MIRROR/99designs+aws-vault/repo"`, then, from the repository's root (as root: it installs
# Debian's Go packages):
#   MIRROR=<folder holding them> bash scripts/peers/build-aws-vault.sh
# It leaves .peers/bin/aws-vault (git-ignored), where `npm run -s bench` looks for it, and prints
# that path. About two minutes on two cores. The bench's `hot-path-binary-vs-aws-vault` line
# needs it; without it the line is skipped with a note.
set -euo pipefail
: "${MIRROR:?set MIRROR to the folder holding the fetched repositories (owner+name/repo)}"
OUT=${OUT:-$PWD/.peers}
apt-get install -y -qq golang-go golang-github-aws-aws-sdk-go-v2-dev golang-github-aws-smithy-go-dev \
  golang-github-alecthomas-units-dev golang-github-dvsekhvalnov-jose2go-dev golang-github-google-go-cmp-dev \
  golang-github-mattn-go-isatty-dev golang-github-mattn-go-tty-dev golang-github-skratchdot-open-golang-dev \
  golang-golang-x-sys-dev golang-golang-x-term-dev golang-gopkg-ini.v1-dev golang-github-jmespath-go-jmespath-dev \
  golang-dbus-dev golang-gopkg-alecthomas-kingpin.v2-dev >/dev/null
src=$OUT/gopath/src; mkdir -p "$src" "$OUT/bin"
unpack() { mkdir -p "$src/$2" && git --git-dir="$MIRROR/$1/repo" archive "$3" | tar -x -C "$src/$2"; }
unpack 99designs+aws-vault   github.com/99designs/aws-vault/v7 v7.2.0
unpack 99designs+keyring     github.com/99designs/keyring      v1.2.2
unpack alecthomas+kingpin    github.com/alecthomas/kingpin/v2  v2.3.1
unpack gsterjov+go-libsecret github.com/gsterjov/go-libsecret  a6f4afe4910c
unpack mtibben+percent       github.com/mtibben/percent        v0.2.1
unpack xhit+go-str2duration  github.com/xhit/go-str2duration   v1.2.0
cd "$src/github.com/99designs/aws-vault/v7"
GOPATH="$OUT/gopath:/usr/share/gocode" GO111MODULE=off GOPROXY=off CGO_ENABLED=0 \
  go build -o "$OUT/bin/aws-vault" -ldflags "-X main.Version=v7.2.0" .
"$OUT/bin/aws-vault" --version >&2
echo "$OUT/bin/aws-vault"
# aws-vault 7.2 has its AWS hosts built in (no AWS_ENDPOINT_URL). For a hot-path comparison that
# needs no AWS at all: `AWS_VAULT_BACKEND=file AWS_VAULT_FILE_PASSPHRASE=x aws-vault add --env u`,
# then time `aws-vault export --no-session --format=json u` against awsafe's cached path.
