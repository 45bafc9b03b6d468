#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# run_mutants.sh - run the mutant catalogue (tests/mutants/CATALOGUE.md).
#
# For every tests/mutants/<name>.patch: check that the patch still applies
# to the source tree, then run the regression suite (scenarios/*.yaml and
# scenarios/examples/*.yaml; not the proofs) followed by the killer scenarios
# (tests/mutants/killers/*.yaml) with the build tree's tpusim-<name>, one
# scenario per tpusim run, each under a wall-clock timeout and a memory
# limit, and report
#
#   KILLED   <name> by <scenario> (<what failed>)      missing/unexpected checkers
#   KILLED   <name> by <scenario> (timeout: ...)       the simulator did not finish
#   SURVIVED <name>                                    every scenario passed
#
# then the mutation score killed/total.  The same suite must first pass
# with the real driver (tpusim), or no kill would mean anything;
# --no-baseline skips that run where another run of this script in the
# same build has just made it (CTest: mutants.catalogue does, for
# mutants.blind).
#
# By default a mutant's run stops at its first killing scenario (the
# scenarios already running finish); --all runs the whole suite against
# every mutant and lists every scenario that kills it.  Without --all the
# scenario that CATALOGUE.md's table names first for a mutant runs first,
# then the rest in suite order: while the catalogue is current each mutant
# costs about one scenario run, not the suite up to its killer.  Only the
# order changes; a mutant survives only if every scenario passes.
#
# A scenario file may carry two comment lines for this script:
#   # tpusim-options: --schedules 8   extra tpusim run options (also used by
#                                     CTest killer.<name>)
#   # wall-timeout: 10                a lower wall-clock limit (seconds) for
#                                     a quick scenario that a mutant may keep
#                                     running for ever
#
# Exit status: 0 when every mutant is killed or listed as equivalent in
# CATALOGUE.md (section "## Equivalent mutants", lines "- `name`: reason");
# 1 when a non-equivalent mutant survived, a patch no longer applies, a
# mutant binary is missing or fails to load the suite, or the real driver
# fails the suite; 2 on usage errors.
#
# Usage: tests/mutants/run_mutants.sh [options] [NAME...]
#   --bin-dir DIR      where tpusim-<name> are (default <source>/build-mut/tests/mutants)
#   --tpusim FILE      the real-driver tpusim (default <bin-dir>/../../harness/tpusim)
#   --source-dir DIR   the source tree (default: this script's ../..)
#   --timeout S        wall-clock limit per scenario run, seconds
#                      (default 30, or $MUTANT_TIMEOUT; the slowest scenario,
#                      stress, takes about 3 s)
#   --mem-limit MB     virtual memory limit per scenario run (default 3072:
#                      the model reserves its 1 GiB DRAM window as one mapping,
#                      or $MUTANT_MEM_LIMIT; 0 = none, needed under ASan)
#   --jobs N           scenario runs in parallel (default 2)
#   --fuzz-dir DIR     where fuzz_abi and fuzz_abi_<name> are (default
#                      <bin-dir>/../fuzz); when they exist the suite ends
#                      with fuzz.abi: the ABI fuzzer and its oracle
#                      (tests/fuzz/README.md) against the mutant's driver
#   --fuzz-cases N     cases of that run (default 100, or $MUTANT_FUZZ_CASES)
#   --all              run every scenario against every mutant
#   --set blind        the blind set (blind/*.patch, binaries tpusim-blind-<name>):
#                      bugs written without this catalogue in view; no
#                      killer hints, no equivalents, its own score line
#   --min-score PCT    with --set blind: exit 0 when at least PCT % are
#                      killed (survivors are findings about the harness,
#                      listed, not failures of the run)
#   --table            also print the catalogue rows (markdown) for CATALOGUE.md
#   NAME...            only these mutants (default: every patch)
#
# Build first: ninja -C build-mut tpusim-mutants.  Replay one kill by hand:
#   build-mut/tests/mutants/tpusim-<name> run <scenario>
# (a mutant's tpusim runs every scenario written for the real driver, plus
# the proofs that require that mutant.)
set -u

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
bin_dir=""
tpusim=""
tmo=${MUTANT_TIMEOUT:-30}
mem=${MUTANT_MEM_LIMIT:-3072}
jobs=2
all=0
table=0
only=()
set_name=catalogue
min_score=""
fuzz_dir=""
fuzz_cases=${MUTANT_FUZZ_CASES:-100}
baseline=1

usage() {
	sed -n '3,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
	case "$1" in
	--bin-dir) bin_dir=$2; shift 2 ;;
	--tpusim) tpusim=$2; shift 2 ;;
	--source-dir) src=$(cd "$2" && pwd); here=$src/tests/mutants; shift 2 ;;
	--timeout) tmo=$2; shift 2 ;;
	--mem-limit) mem=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--all) all=1; shift ;;
	--no-baseline) baseline=0; shift ;;
	--table) table=1; shift ;;
	--set) set_name=$2; shift 2 ;;
	--fuzz-dir) fuzz_dir=$2; shift 2 ;;
	--fuzz-cases) fuzz_cases=$2; shift 2 ;;
	--min-score) min_score=$2; shift 2 ;;
	-h|--help) usage; exit 0 ;;
	-*) echo "run_mutants.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
	*) only+=("$1"); shift ;;
	esac
done
case $set_name in
catalogue) patch_dir=$here; prefix="" ;;
blind) patch_dir=$here/blind; prefix=blind- ;;
*) echo "run_mutants.sh: unknown set '$set_name' (catalogue or blind)" >&2; exit 2 ;;
esac
[ -n "$bin_dir" ] || bin_dir=$src/build-mut/tests/mutants
[ -n "$tpusim" ] || tpusim=$bin_dir/../../harness/tpusim
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

for tool in patch timeout; do
	if ! command -v $tool >/dev/null; then
		echo "run_mutants.sh: needs '$tool'" >&2
		exit 2
	fi
done
if [ ! -x "$tpusim" ]; then
	echo "run_mutants.sh: no real-driver tpusim at $tpusim (build it, or pass --tpusim)" >&2
	exit 2
fi

# The suite: what CTest runs as scenarios (the regression scenarios and
# the language examples), then the killers.
shopt -s nullglob
suite=("$src"/scenarios/*.yaml "$src"/scenarios/examples/*.yaml "$here"/killers/*.yaml)
shopt -u nullglob
if ! "$tpusim" check "${suite[@]}" >/dev/null; then
	echo "run_mutants.sh: the suite does not load" >&2
	exit 1
fi
# Scenario names (as reports give them), in suite order.
mapfile -t names < <("$tpusim" list "${suite[@]}" | awk '{print $1}')
# The ABI fuzzer closes the suite when it is built: one more entry, run
# with the mutant's own fuzz_abi_<name> (the real fuzz_abi for the
# baseline).  Mutants of the runtime alone have none: the fuzzer does not
# use the scenario runtime's job path, so it would only repeat the real one.
[ -n "$fuzz_dir" ] || fuzz_dir=$bin_dir/../fuzz
fuzz_entry=""
if [ -x "$fuzz_dir/fuzz_abi" ]; then
	fuzz_entry=${#suite[@]}
	suite+=("fuzz:abi")
	names+=("fuzz.abi")
fi
# Extra tpusim run options of a scenario: a "# tpusim-options: ..." line
# (e.g. --schedules 8 for a killer that needs schedule exploration).
# A "# wall-timeout: S" line lowers the wall-clock limit for a scenario
# that normally takes well under a second but that a mutant may keep
# running for ever (the default limit has to fit the slowest scenario).
options=()
limit=()
for i in "${!suite[@]}"; do
	if [ "$i" = "$fuzz_entry" ]; then
		options[i]=""
		limit[i]=$((tmo * 4))
		continue
	fi
	options[i]=$(sed -n 's/^# tpusim-options: *//p' "${suite[$i]}" | head -n 1)
	limit[i]=$(sed -n 's/^# wall-timeout: *\([0-9][0-9]*\).*/\1/p' "${suite[$i]}" | head -n 1)
	if [ -z "${limit[$i]}" ] || [ "${limit[$i]}" -gt "$tmo" ]; then
		limit[i]=$tmo
	fi
done

# From the catalogue: the equivalent mutants it declares, and the scenario
# that killed each mutant when it was written (hint: the first name in the
# last column of its table).
declare -A equivalent=()
declare -A hint=()
if [ "$set_name" = catalogue ] && [ -f "$here/CATALOGUE.md" ]; then
	while IFS= read -r n; do
		equivalent[$n]=1
	done < <(awk '/^## /{eq = ($0 ~ /^## Equivalent mutants/)}
		eq && /^- `[^`]+`:/ { sub(/^- `/, ""); sub(/`:.*/, ""); print }' "$here/CATALOGUE.md")
	while IFS=$'\t' read -r n k; do
		hint[$n]=$k
	done < <(awk -F'|' '/^\| `[^`]+` \|/ && NF > 3 {
		n = $2; gsub(/[ `]/, "", n)
		k = $(NF - 1); sub(/^ *`?/, "", k)
		if (match(k, /^[A-Za-z0-9_.-]+/)) print n "\t" substr(k, 1, RLENGTH) }' "$here/CATALOGUE.md")
fi

# The patches, in name order.
patches=()
if [ ${#only[@]} -gt 0 ]; then
	for n in "${only[@]}"; do
		if [ ! -f "$patch_dir/$n.patch" ]; then
			echo "run_mutants.sh: no mutant $n ($patch_dir/$n.patch)" >&2
			exit 2
		fi
		patches+=("$patch_dir/$n.patch")
	done
else
	patches=("$patch_dir"/*.patch)
fi

header_field() { # header_field FILE KEY
	sed -n "s/^# $2: //p" "$1" | head -n 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run_scenario EXE INDEX [ENV=VALUE]: one scenario under the limits;
# writes $work/run.INDEX.{out,rc}.
run_scenario() {
	local exe=$1 i=$2
	shift 2
	(
		[ "$mem" = 0 ] || ulimit -v $((mem * 1024))
		if [ "$i" = "$fuzz_entry" ]; then
			[ -n "$fuzz_exe" ] || exit 0
			exec env "$@" timeout -k 5 "${limit[$i]}" "$fuzz_exe" --seed 1 --cases "$fuzz_cases"
		fi
		# shellcheck disable=SC2086 # options are words
		exec env "$@" timeout -k 5 "${limit[$i]}" "$exe" run "${suite[$i]}" --quiet ${options[$i]}
	) >"$work/run.$i.out" 2>&1
	echo $? >"$work/run.$i.rc"
}

# run_suite EXE STOP_AT_FIRST [FIRST_INDEX]: every scenario, $jobs at a
# time, FIRST_INDEX (if any) first and then the suite in order; fills
# verdicts[i] ("" = passed) and sets suite_error on a load or usage error.
run_suite() {
	local exe=$1 first=$2 lead=${3:-}
	local next=0 running=0 stop=0 i rc v
	local order=()
	# The catalogue's hint first; with no hint (the blind set) the fuzzer
	# first (a few seconds, and it kills whole classes the scenarios cannot
	# reach), else last.  Only the order changes, never what a survivor
	# must pass.
	local fuzz_first=""
	[ -n "$lead" ] || fuzz_first=$fuzz_entry
	[ -z "$lead" ] || order+=("$lead")
	[ -z "$fuzz_first" ] || order+=("$fuzz_first")
	for i in "${!suite[@]}"; do
		[ "$i" = "$lead" ] || [ "$i" = "$fuzz_first" ] || order+=("$i")
	done
	rm -f "$work"/run.*
	verdicts=()
	suite_error=""
	while { [ $stop = 0 ] && [ $next -lt ${#order[@]} ]; } || [ "$running" -gt 0 ]; do
		if [ $stop = 0 ] && [ $next -lt ${#order[@]} ] && [ "$running" -lt "$jobs" ]; then
			run_scenario "$exe" "${order[$next]}" &
			next=$((next + 1))
			running=$(jobs -rp | wc -l)
			continue
		fi
		wait -n
		running=$(jobs -rp | wc -l)
		if [ "$first" = 1 ]; then
			for f in "$work"/run.*.rc; do
				[ -e "$f" ] && [ "$(cat "$f")" != 0 ] && stop=1
			done
		fi
	done
	for i in "${!suite[@]}"; do
		[ -e "$work/run.$i.rc" ] || continue
		rc=$(cat "$work/run.$i.rc")
		case $rc in
		0) v="" ;;
		1)
			# FAILED: <name> — FAIL: missing X; unexpected Y;
			v=$(sed -n 's/^FAILED: [^ ]* — \(FAIL: \)\{0,1\}\(.*\)$/\2/p' "$work/run.$i.out" |
				head -n 1)
			v=${v%;}
			[ "$i" != "$fuzz_entry" ] ||
				v=$(grep -m 1 -o 'FAIL (.*' "$work/run.$i.out" | cut -c1-160)
			[ -n "$v" ] || v="tpusim failed: $(tail -n 1 "$work/run.$i.out")"
			case $v in
			*bad_alloc*) [ "$mem" = 0 ] || v="$v: the run reached the ${mem} MB memory limit, the simulation did not end" ;;
			esac
			;;
		124|137) v="timeout: the simulator did not finish in ${limit[$i]} s wall" ;;
		*)
			v="error: tpusim exited with status $rc: $(head -n 3 "$work/run.$i.out" | tr '\n' ' ')"
			suite_error=${names[$i]}
			;;
		esac
		verdicts[i]=$v
	done
}

# ---- the real driver must pass the suite --------------------------------
if [ $baseline = 1 ]; then
	echo "== baseline: the real driver on ${#suite[@]} scenarios (timeout ${tmo} s, memory ${mem} MB per run)"
	fuzz_exe=""
	[ -z "$fuzz_entry" ] || fuzz_exe=$fuzz_dir/fuzz_abi
	run_suite "$tpusim" 0
	bad=0
	for i in "${!suite[@]}"; do
		if [ -n "${verdicts[$i]:-}" ]; then
			echo "   FAIL ${names[$i]}: ${verdicts[$i]}"
			bad=1
		fi
	done
	if [ $bad = 1 ]; then
		echo "the real driver does not pass the suite: a kill would mean nothing"
		exit 1
	fi
	echo "   all passed"
	echo
else
	echo "== baseline: not run here (--no-baseline)"
fi

total=0
killed=0
survived=()
equiv_survived=()
broken=()
rows=()

for p in "${patches[@]}"; do
	name=$(basename "$p" .patch)
	total=$((total + 1))
	exe=$bin_dir/tpusim-$prefix$name

	# A patch that no longer applies to the source fails loudly.
	if ! patch -p1 --dry-run --forward --batch -d "$src" -i "$p" >"$work/patch.log" 2>&1; then
		echo "BROKEN   $name: the patch no longer applies to $src:"
		sed 's/^/           /' "$work/patch.log"
		broken+=("$name")
		continue
	fi
	if [ ! -x "$exe" ]; then
		echo "BROKEN   $name: no binary $exe (build: ninja tpusim-mutants)"
		broken+=("$name")
		continue
	fi
	[ ! "$p" -nt "$exe" ] ||
		echo "warning: $exe is older than $p (rebuild: ninja tpusim-mutants)" >&2

	fuzz_exe=""
	[ -z "$fuzz_entry" ] || [ ! -x "$fuzz_dir/fuzz_abi_$prefix$name" ] ||
		fuzz_exe=$fuzz_dir/fuzz_abi_$prefix$name
	t0=$(date +%s.%N)
	first=1
	lead=""
	if [ $all = 1 ]; then
		first=0
	elif [ -n "${hint[$name]:-}" ]; then
		for i in "${!names[@]}"; do
			[ "${names[$i]}" = "${hint[$name]}" ] && lead=$i && break
		done
	fi
	run_suite "$exe" $first $lead
	wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	if [ -n "$suite_error" ]; then
		echo "BROKEN   $name: $suite_error: ${verdicts[*]}"
		broken+=("$name")
		continue
	fi

	killers=()
	for i in "${!suite[@]}"; do
		[ -n "${verdicts[$i]:-}" ] && killers+=("${names[$i]} (${verdicts[$i]})")
	done

	bug=$(header_field "$p" bug)
	seen=$(header_field "$p" seen)
	if [ ${#killers[@]} -gt 0 ]; then
		killed=$((killed + 1))
		echo "KILLED   $name (${wall} s) by ${killers[0]}"
		for k in "${killers[@]:1}"; do
			echo "                      also ${k}"
		done
		[ -z "${equivalent[$name]:-}" ] ||
			echo "warning: $name is listed as equivalent in CATALOGUE.md but was killed: update the catalogue" >&2
		rows+=("| \`$name\` | $bug | $seen | $(printf '%s; ' "${killers[@]}" | sed 's/; $//') |")
	elif [ -n "${equivalent[$name]:-}" ]; then
		echo "SURVIVED $name (${wall} s): equivalent (CATALOGUE.md)"
		equiv_survived+=("$name")
		rows+=("| \`$name\` | $bug | $seen | survives: equivalent (see below) |")
	else
		echo "SURVIVED $name (${wall} s)"
		survived+=("$name")
		rows+=("| \`$name\` | $bug | $seen | **SURVIVED** |")
	fi
done

echo
label="mutation score"
[ "$set_name" = catalogue ] || label="$set_name mutation score"
echo "$label: $killed/$total killed" \
	"(${#equiv_survived[@]} equivalent, ${#survived[@]} survived, ${#broken[@]} broken)"
[ ${#equiv_survived[@]} -eq 0 ] || echo "equivalent (documented in CATALOGUE.md): ${equiv_survived[*]}"
[ ${#survived[@]} -eq 0 ] || echo "SURVIVED: ${survived[*]}"
[ ${#broken[@]} -eq 0 ] || echo "BROKEN: ${broken[*]}"

if [ $table = 1 ]; then
	echo
	echo "| Mutant | Bug | Seen | Killed by: scenario (checkers) |"
	echo "|---|---|---|---|"
	printf '%s\n' "${rows[@]}"
fi

if [ -n "$min_score" ]; then
	[ ${#broken[@]} -eq 0 ] && [ $((killed * 100)) -ge $((min_score * total)) ]
	exit
fi
[ ${#survived[@]} -eq 0 ] && [ ${#broken[@]} -eq 0 ]
