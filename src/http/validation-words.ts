// What a payload schema's rule asks of a field, in Vietnamese and English, from Ajv's keyword and
// parameters: the validation error names the field and says the rule in the reader's language
// instead of passing on Ajv's English sentence ("must be object").

export interface AjvIssue {
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const TYPE_WORDS: Record<string, { vi: string; en: string }> = {
  object: { vi: 'một đối tượng JSON', en: 'a JSON object' },
  array: { vi: 'một danh sách', en: 'a list' },
  string: { vi: 'một chuỗi ký tự', en: 'text' },
  number: { vi: 'một số', en: 'a number' },
  integer: { vi: 'một số nguyên', en: 'a whole number' },
  boolean: { vi: 'đúng/sai (true/false)', en: 'true or false' },
  null: { vi: 'trống (null)', en: 'empty (null)' },
};

const FORMAT_WORDS: Record<string, { vi: string; en: string }> = {
  date: { vi: 'ngày dạng YYYY-MM-DD', en: 'a date as YYYY-MM-DD' },
  'date-time': { vi: 'thời điểm dạng ISO 8601', en: 'an ISO 8601 date-time' },
  email: { vi: 'địa chỉ thư điện tử', en: 'an e-mail address' },
  uri: { vi: 'địa chỉ URL', en: 'a URL' },
};

const list = (v: unknown): string =>
  Array.isArray(v) ? v.map((x) => JSON.stringify(x)).join(', ') : String(v);

/** The rule a field broke, worded in both languages. */
export function wordValidation(issue: AjvIssue | undefined): { vi: string; en: string } {
  const p = issue?.params ?? {};
  switch (issue?.keyword) {
    case 'type': {
      const types = String(p.type ?? '')
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? { vi: t, en: t });
      return {
        vi: `phải là ${types.map((t) => t.vi).join(' hoặc ')}`,
        en: `must be ${types.map((t) => t.en).join(' or ')}`,
      };
    }
    case 'enum':
      return {
        vi: `phải là một trong các giá trị ${list(p.allowedValues)}`,
        en: `must be one of ${list(p.allowedValues)}`,
      };
    case 'const':
      return { vi: `phải bằng ${list(p.allowedValue)}`, en: `must equal ${list(p.allowedValue)}` };
    case 'minimum':
    case 'exclusiveMinimum':
      return p.comparison === '>'
        ? { vi: `phải lớn hơn ${String(p.limit)}`, en: `must be greater than ${String(p.limit)}` }
        : { vi: `phải từ ${String(p.limit)} trở lên`, en: `must be at least ${String(p.limit)}` };
    case 'maximum':
    case 'exclusiveMaximum':
      return {
        vi: `phải ${p.comparison === '<' ? 'nhỏ hơn' : 'không quá'} ${String(p.limit)}`,
        en: `must be ${p.comparison === '<' ? 'less than' : 'at most'} ${String(p.limit)}`,
      };
    case 'minLength':
      return {
        vi: `phải có ít nhất ${String(p.limit)} ký tự`,
        en: `must have at least ${String(p.limit)} characters`,
      };
    case 'maxLength':
      return {
        vi: `không được quá ${String(p.limit)} ký tự`,
        en: `must have at most ${String(p.limit)} characters`,
      };
    case 'minItems':
      return {
        vi: `phải có ít nhất ${String(p.limit)} mục`,
        en: `must have at least ${String(p.limit)} items`,
      };
    case 'maxItems':
      return {
        vi: `không được quá ${String(p.limit)} mục`,
        en: `must have at most ${String(p.limit)} items`,
      };
    case 'pattern':
      return { vi: 'không đúng định dạng', en: 'is not in the expected form' };
    case 'format': {
      const f = FORMAT_WORDS[String(p.format)] ?? { vi: String(p.format), en: String(p.format) };
      return { vi: `phải là ${f.vi}`, en: `must be ${f.en}` };
    }
    case 'additionalProperties':
      return {
        vi: `có trường không được nhận: ${String(p.additionalProperty)}`,
        en: `has a field that is not accepted: ${String(p.additionalProperty)}`,
      };
    case 'anyOf':
    case 'oneOf':
      return { vi: 'không khớp với dạng nào được nhận', en: 'matches none of the accepted forms' };
    default:
      return { vi: 'không đúng quy định của trường', en: issue?.message ?? 'does not meet the field’s rule' };
  }
}
