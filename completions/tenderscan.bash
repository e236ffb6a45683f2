# bash completion for tenderscan (generated from the option definitions by `npm run docs:gen`; do not edit)
# source it, or: source <(tenderscan completions bash)
_tenderscan() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "scan find review diff request merge cache rules completions --help --version" -- "$cur"))
    return
  fi
  case ${COMP_WORDS[1]} in
    scan)
      case $prev in
        -f|--format) COMPREPLY=($(compgen -W "terminal json jsonl markdown html csv" -- "$cur")); return ;;
        -o|--output|-r|--rules|--password-file|--config|--review-file|--exhibits) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --evidence) COMPREPLY=($(compgen -W "short full" -- "$cur")); return ;;
        --report-lang|--lang) COMPREPLY=($(compgen -W "fr en" -- "$cur")); return ;;
        --only|--fail-on) COMPREPLY=($(compgen -W "video-surveillance biometrics social-media health telecom crowdsourcing drones police-records public-partners private-partners vehicle-tracking audio-sensors automated-analysis geolocation" -- "$cur")); return ;;
        --title|--link-base|--password|-j|--jobs|--timeout|--max-file-size|--max-heap|--max-memory|--max-pages|--exclude|--date|--shard|--max-snapshots) COMPREPLY=($(true)); return ;;
        --min-modality) COMPREPLY=($(compgen -W "asserted optional" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --cache-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --ocr) COMPREPLY=($(compgen -W "never auto always" -- "$cur")); return ;;
        --buyer-kind) COMPREPLY=($(compgen -W "commune epci departement region state police private" -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "-f --format -o --output --explain --summary --evidence --report-lang --only --hide-negated --excel --title --link-base --min-modality --color --no-color -r --rules --password --password-file -j --jobs --timeout --max-file-size --max-heap --max-memory --no-cache --cache-dir --max-pages --ocr --lang -q --quiet -v --verbose --include-text --hidden --no-ignore --exclude -0 --null --config --no-config --debug --fail-on --buyer-kind --date --shard --files --review-file --no-review --show-reviewed --new-only --snapshots --exhibits --max-snapshots --help" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
      ;;
    find)
      case $prev in
        -C|--context|--shard|--password|-j|--jobs|--timeout|--max-file-size|--max-heap|--max-memory|--max-pages|--exclude) COMPREPLY=($(true)); return ;;
        --report-lang|--lang) COMPREPLY=($(compgen -W "fr en" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --password-file|--config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --cache-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --ocr) COMPREPLY=($(compgen -W "never auto always" -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "-e --regexp -i --ignore-case -w --word-regexp --strict-accents -c --count -l --files-with-matches -C --context --json --shard --report-lang --color --no-color --password --password-file -j --jobs --timeout --max-file-size --max-heap --max-memory --no-cache --cache-dir --max-pages --ocr --lang -q --quiet -v --verbose --include-text --hidden --no-ignore --exclude -0 --null --config --no-config --debug --help" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
      ;;
    review)
      case $prev in
        --mark) COMPREPLY=($(compgen -W "false-positive confirmed" -- "$cur")); return ;;
        --finding|--comment|--password|-j|--jobs|--timeout|--max-file-size|--max-heap|--max-memory|--max-pages|--exclude) COMPREPLY=($(true)); return ;;
        --review-file|-r|--rules|--password-file|--config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --cache-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --ocr) COMPREPLY=($(compgen -W "never auto always" -- "$cur")); return ;;
        --lang) COMPREPLY=($(compgen -W "fr en" -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "--mark --finding --comment --review-file -r --rules --password --password-file -j --jobs --timeout --max-file-size --max-heap --max-memory --no-cache --cache-dir --max-pages --ocr --lang -q --quiet -v --verbose --include-text --hidden --no-ignore --exclude -0 --null --config --no-config --debug --help" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
      ;;
    diff)
      case $prev in
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        -f|--format) COMPREPLY=($(compgen -W "terminal json jsonl markdown html csv" -- "$cur")); return ;;
        -o|--output|-r|--rules|--password-file|--config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --report-lang|--lang) COMPREPLY=($(compgen -W "fr en" -- "$cur")); return ;;
        --fail-on-new) COMPREPLY=($(compgen -W "video-surveillance biometrics social-media health telecom crowdsourcing drones police-records public-partners private-partners vehicle-tracking audio-sensors automated-analysis geolocation" -- "$cur")); return ;;
        --password|-j|--jobs|--timeout|--max-file-size|--max-heap|--max-memory|--max-pages|--exclude) COMPREPLY=($(true)); return ;;
        --cache-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --ocr) COMPREPLY=($(compgen -W "never auto always" -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "--color --no-color -f --format -o --output --report-lang --fail-on-new -r --rules --password --password-file -j --jobs --timeout --max-file-size --max-heap --max-memory --no-cache --cache-dir --max-pages --ocr --lang -q --quiet -v --verbose --include-text --hidden --no-ignore --exclude -0 --null --config --no-config --debug --help" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
      ;;
    request)
      case $prev in
        --to|--date|--password|-j|--jobs|--timeout|--max-file-size|--max-heap|--max-memory|--max-pages|--exclude) COMPREPLY=($(true)); return ;;
        -o|--output|--calendar|-r|--rules|--password-file|--config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --cache-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --ocr) COMPREPLY=($(compgen -W "never auto always" -- "$cur")); return ;;
        --lang) COMPREPLY=($(compgen -W "fr en" -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "--to -o --output --calendar --date -r --rules --password --password-file -j --jobs --timeout --max-file-size --max-heap --max-memory --no-cache --cache-dir --max-pages --ocr --lang -q --quiet -v --verbose --include-text --hidden --no-ignore --exclude -0 --null --config --no-config --debug --help" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
      ;;
    merge)
      case $prev in
        -f|--format) COMPREPLY=($(compgen -W "terminal json jsonl markdown html csv" -- "$cur")); return ;;
        -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --evidence) COMPREPLY=($(compgen -W "short full" -- "$cur")); return ;;
        --report-lang) COMPREPLY=($(compgen -W "fr en" -- "$cur")); return ;;
        --only) COMPREPLY=($(compgen -W "video-surveillance biometrics social-media health telecom crowdsourcing drones police-records public-partners private-partners vehicle-tracking audio-sensors automated-analysis geolocation" -- "$cur")); return ;;
        --title|--link-base) COMPREPLY=($(true)); return ;;
        --min-modality) COMPREPLY=($(compgen -W "asserted optional" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "-f --format -o --output --explain --summary --evidence --report-lang --only --hide-negated --excel --title --link-base --min-modality --color --no-color --allow-incomplete --help" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
      ;;
    cache)
      case $prev in
        --cache-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "--cache-dir --help" -- "$cur")); else COMPREPLY=($(compgen -W "clear" -- "$cur")); fi
      ;;
    rules)
      case $prev in
        -f|--format) COMPREPLY=($(compgen -W "table json" -- "$cur")); return ;;
        -r|--rules|--check) COMPREPLY=($(compgen -f -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "-f --format -r --rules --check --help" -- "$cur")); else COMPREPLY=($(true)); fi
      ;;
    completions)
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "--help" -- "$cur")); else COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); fi
      ;;
  esac
}
complete -o filenames -o bashdefault -F _tenderscan tenderscan
