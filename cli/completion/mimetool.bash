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

  local commands="explode tree cat headers build"
  local command="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      explode | tree | cat | headers | build) command=${words[i]}; break ;;
    esac
  done

  if [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
    return
  fi

  # build: option values are files (bodies, attachments, spec, output), a folder, a charset, or
  # free text; it takes no positional arguments.
  if [[ $command == build ]]; then
    case $prev in
      -o | --output | --text | --html | --attach | --inline | --spec | --manifest)
        if declare -F _filedir >/dev/null; then
          _filedir
        else
          COMPREPLY=($(compgen -f -- "$cur"))
        fi
        return ;;
      --from-manifest)
        if declare -F _filedir >/dev/null; then
          _filedir -d
        else
          COMPREPLY=($(compgen -d -- "$cur"))
        fi
        return ;;
      --charset)
        COMPREPLY=($(compgen -W "utf-8 us-ascii iso-8859-1 iso-8859-15 windows-1252 gb2312 gbk gb18030 big5
          iso-2022-jp shift_jis euc-jp euc-kr koi8-r koi8-u windows-1251" -- "$cur"))
        return ;;
      --from | --to | --cc | --bcc | --reply-to | --subject | --date | --message-id | --header | --seed)
        COMPREPLY=()
        return ;;
    esac
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
    explode) options="--help --output --json --force --strict --jobs --mbox --max-depth --max-parts --max-header-fields --max-header-bytes" ;;
    tree) options="--help --json --no-color --strict --max-depth --max-parts --max-header-fields --max-header-bytes" ;;
    cat) options="--help --text --raw --strict --max-depth --max-parts --max-header-fields --max-header-bytes" ;;
    headers) options="--help --json --strict --max-depth --max-parts --max-header-fields --max-header-bytes" ;;
    build) options="--help --output --from --to --cc --bcc --reply-to --subject --date --message-id --header --text --html --charset --attach --inline --spec --from-manifest --manifest --seed --lf --allow-8bit" ;;
  esac

  if [[ $cur == -* || $command == build ]]; then
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
