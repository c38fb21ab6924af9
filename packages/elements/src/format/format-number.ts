/** Two-digit country calling codes (E.164); `1` and `7` are the one-digit ones, the rest have three. */
const TWO_DIGIT_CODES = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84',
  '86', '90', '91', '92', '93', '94', '95', '98',
]);

/**
 * A phone number as people read it. North American and French numbers get
 * their national grouping; any other international number gets its country
 * code apart and the rest grouped by threes. What is not a phone number (a
 * SIP user name, an extension) is returned as it is.
 *
 * @example
 * formatNumber('+33123456789') // '+33 1 23 45 67 89'
 * formatNumber('0123456789')   // '01 23 45 67 89'
 * formatNumber('+15551234567') // '+1 555 123 4567'
 * formatNumber('1002')         // '1002'
 */
export function formatNumber(number: string): string {
  const digits = number.replace(/[\s().-]/g, '');
  if (!/^\+?\d{7,15}$/.test(digits)) return number;
  let match = /^\+33(\d)(\d{8})$/.exec(digits);
  if (match) return `+33 ${match[1]} ${pairs(match[2] ?? '')}`;
  if (/^0\d{9}$/.test(digits)) return pairs(digits);
  match = /^(?:\+1)(\d{3})(\d{3})(\d{4})$/.exec(digits);
  if (match) return `+1 ${match[1]} ${match[2]} ${match[3]}`;
  if (digits.startsWith('+')) {
    const international = digits.slice(1);
    const length = countryCodeLength(international);
    return `+${international.slice(0, length)} ${threes(international.slice(length))}`;
  }
  return number;
}

function countryCodeLength(digits: string): number {
  if (digits.startsWith('1') || digits.startsWith('7')) return 1;
  return TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? 2 : 3;
}

function pairs(digits: string): string {
  return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/** Groups of three from the left, the last group taking the one or two left over. */
function threes(digits: string): string {
  const groups: string[] = [];
  let rest = digits;
  while (rest.length > 4) {
    groups.push(rest.slice(0, 3));
    rest = rest.slice(3);
  }
  groups.push(rest);
  return groups.join(' ');
}
