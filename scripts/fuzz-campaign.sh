#!/usr/bin/env bash
# A coverage-guided campaign over every libFuzzer target (tests/libfuzzer):
# builds the libfuzzer preset, then runs each target on all cores
# (-jobs=J -workers=J) and prints per target the cases executed, the edges
# covered (libFuzzer's cov:) and the findings (crash/timeout/oom/leak files).
#
#   scripts/fuzz-campaign.sh [--time SEC | --runs N] [--shard I/N] [--jobs J]
#                            [--targets a,b,...] [--out DIR] [--no-build]
#
#   --time SEC   wall-clock budget per target (default 600); every job runs
#                that long (-max_total_time)
#   --runs N     instead: N cases per target in all, split over the jobs
#   --shard I/N  this machine is shard I of N (0-based): its jobs use seeds
#                I*1000+k, and it starts from every N-th committed seed
#                input (offset I), so shards explore differently.  Merge
#                the shards' corpora afterwards with libFuzzer's -merge=1.
#   --chunk N    with --runs: a job's process runs at most N cases, then a
#                fresh one goes on from the shared corpus (default 0: one
#                process; abi_seq: 200000, its sim-OS keeps ~10 KiB per case)
#   --jobs J     parallel jobs per target (default: nproc)
#   --targets    a comma-separated subset of: scenario_load regs kernels
#                abi_seq cvimodel_load (seeds: the shared models up to
#                256 KiB, copied into the build tree by configure)
#   --out DIR    work directory (default build-libfuzzer/campaign): per
#                target corpus/, artifacts/ (findings) and the job logs
# Exit status: 0 when no target had a finding, 1 otherwise, 2 on bad usage.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
time_budget=600
runs=""
shard_i=0
shard_n=1
jobs=$(nproc)
targets="scenario_load,regs,kernels,abi_seq,cvimodel_load"
out="$root/build-libfuzzer/campaign"
build=1
chunk=""

usage() { sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --time) time_budget=$2; runs=""; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --shard)
      [[ "$2" =~ ^([0-9]+)/([0-9]+)$ ]] || usage
      shard_i=${BASH_REMATCH[1]}; shard_n=${BASH_REMATCH[2]}
      [ "$shard_n" -ge 1 ] && [ "$shard_i" -lt "$shard_n" ] || usage
      shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --chunk) chunk=$2; shift 2 ;;
    --targets) targets=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) usage ;;
    *) echo "fuzz-campaign: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || usage

if [ $build = 1 ]; then
  cmake --preset libfuzzer >/dev/null
  cmake --build "$root/build-libfuzzer" -j"$(nproc)" --target fuzz_scenario_load fuzz_regs fuzz_kernels \
    fuzz_abi_seq fuzz_cvimodel_load
fi

export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
asan_options=detect_stack_use_after_return=0:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

total_findings=0
summary=()
IFS=, read -r -a tlist <<<"$targets"
for t in "${tlist[@]}"; do
  bin="$root/build-libfuzzer/tests/libfuzzer/fuzz_$t"
  seeds="$root/tests/libfuzzer/corpus/$t"
  [ "$t" = cvimodel_load ] && seeds="$root/build-libfuzzer/tests/libfuzzer/seeds-cvimodel_load"
  [ -x "$bin" ] || { echo "fuzz-campaign: no $bin (unknown target '$t'?)" >&2; exit 2; }
  dir="$out/shard$shard_i-of-$shard_n/$t"
  mkdir -p "$dir/corpus" "$dir/artifacts" "$dir/seeds"
  rm -f "$dir"/fuzz-*.log "$dir"/chunk*-fuzz-*.log
  # This shard's slice of the committed seeds (all of them when N = 1).
  # And the source folders its line of seed_dirs.txt names.
  extra=()
  while read -r name folders; do
    [ "$name" = "$t" ] && for f in $folders; do extra+=("$root/$f"); done
  done < <(grep -E '^[a-z]' "$root/tests/libfuzzer/seed_dirs.txt")
  k=0
  while IFS= read -r f; do
    [ $((k % shard_n)) = "$shard_i" ] && cp "$f" "$dir/seeds/$k-${f##*/}"
    k=$((k + 1))
  done < <(find "$seeds" "${extra[@]}" -type f | sort)
  budget=(-max_total_time="$time_budget")
  per_job=0
  [ -n "$runs" ] && per_job=$(( (runs + jobs - 1) / jobs ))
  what="$time_budget s"; [ -n "$runs" ] && what="$runs runs"
  # abi_seq: LeakSanitizer does not know the stacks of SystemC threads,
  # and the sim-OS keeps ~10 KiB per input (tests/libfuzzer/README.md).
  leaks=1; rss=4096
  [ "$t" = abi_seq ] && { leaks=0; rss=8192; }
  echo "== $t: $jobs jobs, $what, shard $shard_i/$shard_n"
  start=$(date +%s)
  # -jobs/-workers: each job is one fuzzer process with its own seed
  # (-seed is the first job's), sharing corpus/; logs go to fuzz-<k>.log.
  step=${chunk:-0}
  [ -z "$chunk" ] && [ "$t" = abi_seq ] && step=200000
  left=$per_job; round=0
  while :; do
    if [ "$per_job" -gt 0 ]; then
      n=$left
      [ "$step" -gt 0 ] && [ "$n" -gt "$step" ] && n=$step
      budget=(-runs="$n")
    fi
    (cd "$dir" && ASAN_OPTIONS=${asan_options/detect_leaks=1/detect_leaks=$leaks} "$bin" -jobs="$jobs" -workers="$jobs" \
        -seed=$((shard_i * 1000 + 1 + round * 100)) \
        "${budget[@]}" -timeout=30 -rss_limit_mb=$rss -print_final_stats=1 \
        -artifact_prefix="$dir/artifacts/" corpus seeds >/dev/null 2>&1) || true
    # Each round's job logs are kept (chunk<round>-fuzz-<k>.log), so the
    # cases of every round are counted below.
    for log in "$dir"/fuzz-*.log; do
      [ -f "$log" ] && mv "$log" "$dir/chunk$round-$(basename "$log")"
    done
    round=$((round + 1))
    [ "$per_job" -gt 0 ] || break
    left=$((left - n))
    [ "$left" -gt 0 ] || break
    # A finding ends the target, as libFuzzer itself does (a slow-unit
    # note is not a finding).
    [ -z "$(find "$dir/artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' \
      -o -name 'oom-*' -o -name 'leak-*' \))" ] || break
  done
  wall=$(( $(date +%s) - start ))
  cases=0; cov=0
  for log in "$dir"/chunk*-fuzz-*.log; do
    [ -f "$log" ] || continue
    n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    [ -z "$n" ] && n=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
    cases=$((cases + ${n:-0}))
    c=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    [ -n "$c" ] && [ "$c" -gt "$cov" ] && cov=$c
  done
  mapfile -t found < <(find "$dir/artifacts" -maxdepth 1 -type f \
    \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort)
  total_findings=$((total_findings + ${#found[@]}))
  rate=$(( wall > 0 ? cases / wall : cases ))
  line="$t: cases $cases ($rate/s over ${wall}s, $jobs jobs), edges (cov) $cov, corpus $(ls "$dir/corpus" | wc -l), findings ${#found[@]}"
  summary+=("$line")
  echo "$line"
  for f in "${found[@]}"; do echo "  finding: $f (replay: $bin $f)"; done
done

echo "== summary (shard $shard_i/$shard_n)"
printf '%s\n' "${summary[@]}"
[ "$total_findings" = 0 ]
