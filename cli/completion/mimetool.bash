# bash completion for mimetool(1)

_mimetool() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  local commands="explode tree cat headers"
  local command="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      explode | tree | cat | headers) command=${words[i]}; break ;;
    esac
  done

  if [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
    return
  fi

  case $prev in
    -o | --output)
      COMPREPLY=($(compgen -d -- "$cur"))
      return ;;
    -j | --jobs)
      COMPREPLY=($(compgen -W "1 2 4 8 $(nproc 2>/dev/null)" -- "$cur"))
      return ;;
    --mbox)
      COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
  esac

  local options
  case $command in
    explode) options="--help --output --json --force --strict --jobs --mbox" ;;
    tree) options="--help --json --no-color --strict" ;;
    cat) options="--help --text --raw --strict" ;;
    headers) options="--help --json --strict" ;;
  esac

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
    return
  fi

  # cat INPUT PATH: offer the message's section paths once the input is known.
  if [[ $command == cat ]]; then
    local positional=()
    for ((i = i + 1; i < cword; i++)); do
      [[ ${words[i]} == -* ]] || positional+=("${words[i]}")
    done
    if ((${#positional[@]} == 1)) && [[ -r ${positional[0]} ]]; then
      local paths
      paths=$(mimetool tree --json "${positional[0]}" 2>/dev/null |
        sed -n 's/^ *"path": "\([0-9.]*\)",$/\1/p')
      COMPREPLY=($(compgen -W "$paths" -- "$cur"))
      return
    fi
  fi

  COMPREPLY=($(compgen -f -- "$cur"))
  if declare -F _filedir >/dev/null && [[ $command == explode ]]; then
    _filedir
  fi
}

complete -F _mimetool mimetool
