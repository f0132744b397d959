# bash completion for akhbar(1). Installed as
# $(datadir)/bash-completion/completions/akhbar.
_akhbar()
{
	local cur prev opts
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	opts='--config --urls --cache --log --quiet --demo --reload --force
	    --unread-count --search --limit --sort --json --mark-all-read
	    --mark-read --mark-unread --star --unstar --import-opml
	    --export-opml --import-newsboat --vacuum --dump-config --parse
	    --render --width --fetch-article --article
	    --help --version -c -u -C -l -q -f -P -h -V'
	case $prev in
	-c|--config|-u|--urls|-C|--cache|-l|--log|-P|--parse|--render)
		COMPREPLY=($(compgen -f -- "$cur"))
		return 0 ;;
	--import-opml)
		COMPREPLY=($(compgen -f -X '!*.@(opml|xml|OPML|XML)' -- "$cur")
		    $(compgen -d -- "$cur"))
		return 0 ;;
	--import-newsboat)
		COMPREPLY=($(compgen -d -- "$cur"))
		return 0 ;;
	--sort)
		COMPREPLY=($(compgen -W 'date rank' -- "$cur"))
		return 0 ;;
	--search|--limit|--mark-all-read|--mark-read|--mark-unread|--star|\
	--unstar|--width|--fetch-article|--article)
		return 0 ;;
	esac
	COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	return 0
}
complete -o filenames -F _akhbar akhbar
