/**
 * Salebot's own docs print several answers as Python dicts (`{'status': 'success', 'state_id': 1}`,
 * doc §2.3/§2.6) and practitioners see Python reprs in webhooks (S10). When a body is not JSON but
 * reads as such a repr, this turns it into the JSON it stands for; anything else stays undefined.
 */
export function jsonOfPythonRepr(text: string): unknown {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return undefined;
  let out = "";
  for (let i = 0; i < trimmed.length; i++) {
    const char = trimmed[i] as string;
    if (char === "'" || char === '"') {
      const quote = char;
      let value = "";
      for (i++; i < trimmed.length && trimmed[i] !== quote; i++) {
        if (trimmed[i] === "\\" && i + 1 < trimmed.length) value += trimmed[++i];
        else value += trimmed[i];
      }
      if (i >= trimmed.length) return undefined;
      out += JSON.stringify(value);
      continue;
    }
    const word = /^(True|False|None)\b/.exec(trimmed.slice(i));
    if (word?.[1]) {
      out += word[1] === "True" ? "true" : word[1] === "False" ? "false" : "null";
      i += word[1].length - 1;
      continue;
    }
    out += char;
  }
  try {
    return JSON.parse(out) as unknown;
  } catch {
    return undefined;
  }
}
