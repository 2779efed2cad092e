#!/usr/bin/env zsh
# Prints the completions zsh offers for a command line, one a line
# ("word -- description"), by typing it into an interactive zsh in a
# pseudo-terminal and pressing TAB. Usage: capture.zsh FPATH_DIR 'LINE'
# (after zsh-capture-completion by Valodim, MIT).
zmodload zsh/zpty || exit 3
dir=$1; shift
zpty z zsh -f -i
init=$(mktemp)
cat > $init <<INIT
PROMPT=
fpath=($dir \$fpath)
autoload -Uz compinit
compinit -u -d $init.dump
bindkey '^I' complete-word
null-line () { echo -E - \$'\0' }
compprefuncs=( null-line )
comppostfuncs=( null-line exit )
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
zstyle ':completion:*' list-separator ''
compadd () {
    if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
        builtin compadd "\$@"
        return \$?
    fi
    typeset -a __hits __dscr __tmp
    if (( \$@[(I)-d] )); then
        __tmp=\${@[\$[\${@[(i)-d]}+1]]}
        if [[ \$__tmp == \(* ]]; then
            eval "__dscr=\$__tmp"
        else
            __dscr=( "\${(@P)__tmp}" )
        fi
    fi
    builtin compadd -A __hits -D __dscr "\$@"
    [[ -n \$__hits ]] || return
    local dscr
    for i in {1..\$#__hits}; do
        (( \$#__dscr >= \$i )) && dscr=" -- \${\${__dscr[\$i]}##\$__hits[\$i] #}" || dscr=
        echo -E - \$IPREFIX\$__hits[\$i]\$dscr
    done
}
echo ok
INIT
zpty -w z "source $init"
repeat 8; do
    zpty -r z line
    [[ $line == ok* ]] && break
done
zpty -w z "$*"$'\t'
integer tog=0
while zpty -r z; do :; done | while IFS= read -r line; do
    if [[ $line == *$'\0\r' ]]; then
        (( tog++ )) && break || continue
    fi
    (( tog )) && print -r -- ${line%$'\r'}
done
rm -f $init $init.dump
