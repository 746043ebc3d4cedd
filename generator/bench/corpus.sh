#!/usr/bin/env bash
# usage: generator/bench/corpus.sh OUT [N] [gen_corpus.py flags…]
#
# Makes a site from ../shared/bench/gen_corpus.py's synthetic clinic corpus
# (N articles, default 10000), builds it with our generator and scores its
# related-post lists with related_precision.py.
#
# gen_corpus.py writes only OUT/content/articles/*.md and OUT/topics.tsv;
# the generator also needs a site around them, so this script copies in the
# repository's layouts/ and assets/ and writes a small config.yaml (the
# same settings as Hugo's bench site: paginate 20, tags and categories; our
# default related settings). The output goes to OUT/public, without .gz/.br
# copies.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bench=${BENCH:-$repo/../shared/bench}
out=${1:?usage: corpus.sh OUT [N] [gen_corpus.py flags]}
n=${2:-10000}
shift $(( $# >= 2 ? 2 : 1 ))

rm -rf "$out"
python3 "$bench/gen_corpus.py" "$out" "$n" "$@"
cp -r "$repo/layouts" "$repo/assets" "$out/"
cat > "$out/config.yaml" <<'YAML'
baseURL: https://clinic.example/
title: Clinic
paginate: 20
taxonomies: [tags, categories]
clinic:
  name: Clinic
  telephone: "+1-301-555-0100"
  address: {streetAddress: "1 Main St", addressLocality: Bladensburg, addressRegion: MD, postalCode: "20710", addressCountry: US}
  geo: {latitude: 38.9, longitude: -76.9}
  hours:
    - {days: [Monday], opens: "08:00", closes: "17:00"}
YAML

cd "$repo"
go build -o "$out/generator" ./generator
# Diagnostics (the synthetic prose is above the reading-grade target, so
# there are thousands of warnings) go to OUT/build.log; its last line is
# the count.
"$out/generator" build --source "$out" --destination "$out/public" --no-compress 2>"$out/build.log"
tail -n 1 "$out/build.log"
python3 "$bench/related_precision.py" "$out/topics.tsv" "$out/public"
