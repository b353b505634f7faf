/** The shells `awsafe completion` writes a script for. */
export const completionShells = ["bash", "zsh", "fish", "powershell"] as const;
export type CompletionShell = (typeof completionShells)[number];

/**
 * The completion script of `shell`. Each is a thin shim: at every TAB it runs `self __complete
 * -- <the words so far>` (the hidden command that reads the command table and the shared files;
 * see complete-words.ts) and offers the lines it prints, so the four shells complete exactly the
 * same things, and a new command or option needs no new script. With no candidates, bash and zsh
 * fall back to completing file names (the command `exec` runs, say).
 */
export function completionScript(shell: CompletionShell, self: readonly string[]): string {
  switch (shell) {
    case "bash":
      return bashScript(self.map(posixQuote).join(" "));
    case "zsh":
      return zshScript(self.map(posixQuote).join(" "));
    case "fish":
      return fishScript(self.map(posixQuote).join(" "));
    case "powershell":
      return powershellScript(self.map(powershellQuote).join(" "));
  }
}

function bashScript(self: string): string {
  return `# awsafe completion for bash: eval "$(awsafe completion bash)" in ~/.bashrc
_awsafe_complete() {
  local IFS=$'\\n'
  COMPREPLY=($(${self} __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _awsafe_complete awsafe
`;
}

function zshScript(self: string): string {
  return `#compdef awsafe
# awsafe completion for zsh: eval "$(awsafe completion zsh)" in ~/.zshrc (after compinit)
_awsafe_complete() {
  local -a candidates
  candidates=(\${(f)"$(${self} __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)"})
  if (( \${#candidates} )); then
    compadd -- "\${candidates[@]}"
  else
    _files
  fi
}
compdef _awsafe_complete awsafe
`;
}

function fishScript(self: string): string {
  return `# awsafe completion for fish: awsafe completion fish > ~/.config/fish/completions/awsafe.fish
function __awsafe_complete
    set -l words (commandline -opc) (commandline -ct)
    ${self} __complete -- $words[2..-1] 2>/dev/null
end
complete -c awsafe -f -a '(__awsafe_complete)'
`;
}

function powershellScript(self: string): string {
  return `# awsafe completion for PowerShell: awsafe completion powershell | Out-String | Invoke-Expression (in $PROFILE)
Register-ArgumentCompleter -Native -CommandName awsafe -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
  if ($wordToComplete -eq '') { $words += '' }
  & ${self} __complete -- @words 2>$null | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`;
}

function posixQuote(word: string): string {
  return /^[\w/.:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function powershellQuote(word: string): string {
  return `'${word.replace(/['\u2018-\u201b]/g, (quote) => quote + quote)}'`;
}
