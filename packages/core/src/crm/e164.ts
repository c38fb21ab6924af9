import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/**
 * A caller's number in E.164 (`+33123456789`) for a CRM to look up: numbers
 * in international form always, national ones (`01 23 45 67 89`) with
 * `region` (the phone's option, ISO 3166). `undefined` for what is no phone
 * number: an extension, an anonymous caller, a SIP name.
 */
export function e164Of(number: string, region: string | undefined): string | undefined {
  const parsed = parsePhoneNumberFromString(number.trim(), region as CountryCode | undefined);
  return parsed?.isPossible() ? parsed.number : undefined;
}
