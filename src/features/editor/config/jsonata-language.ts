import { StreamLanguage, type StringStream } from '@codemirror/language';

export interface JsonataState {
  /** Template mode: text with `{{ expr }}` parts. */
  template: boolean;
  inExpression: boolean;
  inComment: boolean;
}

const KEYWORDS = new Set(['and', 'or', 'in', 'function']);
const ATOMS = new Set(['true', 'false', 'null']);

/**
 * One token of JSONata (or of a `{{ }}` template) for CodeMirror's stream highlighter.
 * Returns a highlight tag name, or null for unstyled text.
 */
export function jsonataToken(stream: StringStream, state: JsonataState): string | null {
  if (state.inComment) return comment(stream, state);
  if (state.template && !state.inExpression) {
    if (stream.match('{{')) {
      state.inExpression = true;
      return 'meta';
    }
    if (!stream.skipTo('{{')) stream.skipToEnd();
    return 'string.special';
  }
  if (stream.eatSpace()) return null;
  if (state.template && stream.match('}}')) {
    state.inExpression = false;
    return 'meta';
  }
  if (stream.match('/*')) {
    state.inComment = true;
    return comment(stream, state);
  }
  const quote = stream.peek();
  if (quote === '"' || quote === "'") {
    stream.next();
    let escaped = false;
    for (let c = stream.next(); c !== undefined; c = stream.next()) {
      if (c === quote && !escaped) break;
      escaped = !escaped && c === '\\';
    }
    return 'string';
  }
  if (quote === '`') {
    stream.next();
    if (stream.skipTo('`')) stream.next();
    else stream.skipToEnd();
    return 'propertyName';
  }
  if (stream.match(/^-?\d+(\.\d+)?([eE][+-]?\d+)?/)) return 'number';
  if (stream.match(/^\$[\w$]*/)) return 'variableName.special';
  const word = stream.match(/^[A-Za-z_][\w]*/) as RegExpMatchArray | null;
  if (word) {
    const name = word[0];
    if (KEYWORDS.has(name)) return 'keyword';
    if (ATOMS.has(name)) return 'atom';
    return 'variableName';
  }
  if (stream.match(/^(:=|!=|<=|>=|~>|\?:|\?\?|\.\.|[-+*/%&=<>!?:.^#@|~])/)) return 'operator';
  if (stream.match(/^[()[\]{}]/)) return 'bracket';
  stream.next();
  return null;
}

// Comments may span lines: the state remembers an unclosed one.
function comment(stream: StringStream, state: JsonataState): string {
  if (stream.skipTo('*/')) {
    stream.match('*/');
    state.inComment = false;
  } else stream.skipToEnd();
  return 'comment';
}

function define(template: boolean) {
  return StreamLanguage.define<JsonataState>({
    name: template ? 'jsonata-template' : 'jsonata',
    startState: () => ({ template, inExpression: false, inComment: false }),
    copyState: (s) => ({ ...s }),
    token: jsonataToken,
    languageData: { commentTokens: { block: { open: '/*', close: '*/' } } },
  });
}

/** Whole-value JSONata, as in an If condition. */
export const jsonataLanguage = define(false);
/** Text with `{{ JSONata }}` parts, as in a URL or a log message. */
export const jsonataTemplateLanguage = define(true);
