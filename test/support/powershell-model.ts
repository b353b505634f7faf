/**
 * Test support: reads `$Env:NAME=<expression>` lines the way PowerShell's tokenizer would, for
 * the subset `export --format powershell` may print (single-quoted strings and `[char]0xHHHH`
 * joined by ` + `), and throws on anything else — an unclosed string, or text after a closing
 * quote, which PowerShell would run. It lets the quoting property test check the PowerShell
 * format where `pwsh` is not installed; where it is, the real one runs too.
 */

/** U+0027 and U+2018–U+201B: each one opens and closes a single-quoted string in PowerShell. */
const singleQuotes = new Set(["'", "\u2018", "\u2019", "\u201a", "\u201b"]);

/** The variable and value one line assigns. */
export function readPowershellAssignment(line: string): { name: string; value: string } {
  const head = /^\$Env:([A-Z_]+)=/.exec(line);
  if (head?.[1] === undefined) throw new Error(`not an assignment: ${JSON.stringify(line)}`);
  let rest = line.slice(head[0].length);
  let value = "";
  for (;;) {
    const term = readTerm(rest);
    value += term.value;
    rest = term.rest;
    if (rest === "") return { name: head[1], value };
    if (!rest.startsWith(" + ")) throw new Error(`PowerShell would run ${JSON.stringify(rest)}`);
    rest = rest.slice(3);
  }
}

function readTerm(text: string): { value: string; rest: string } {
  const char = /^\[char\]0x([0-9A-F]{4})/.exec(text);
  if (char?.[1] !== undefined) {
    return { value: String.fromCharCode(parseInt(char[1], 16)), rest: text.slice(char[0].length) };
  }
  // PowerShell reads its source as UTF-16 units, as here.
  if (!singleQuotes.has(text.charAt(0))) throw new Error(`not a term: ${JSON.stringify(text)}`);
  let value = "";
  for (let index = 1; index < text.length; index++) {
    const unit = text.charAt(index);
    if (!singleQuotes.has(unit)) {
      value += unit;
    } else if (singleQuotes.has(text.charAt(index + 1))) {
      // Two quote characters in a row are one literal: the second (ScanStringLiteral).
      index++;
      value += text.charAt(index);
    } else {
      return { value, rest: text.slice(index + 1) };
    }
  }
  throw new Error(`unclosed string: ${JSON.stringify(text)}`);
}
