import { css } from 'lit';

/**
 * The colour of a call by its type (DESIGN section 4), as `--_band` and the
 * text that sits on it as `--_on-band`, for an element with the call's
 * `info.colour` as a class. List it after the element's own styles so that
 * it wins over the element's default band.
 */
export const callColourStyles = css`
  .raspberry {
    --_band: var(--_raspberry);
    --_on-band: var(--_on-raspberry);
  }
  .ocean {
    --_band: var(--_ocean);
    --_on-band: var(--_on-ocean);
  }
  .sky {
    --_band: var(--_sky);
    --_on-band: var(--_on-sky);
  }
  .lilac {
    --_band: var(--_lilac);
    --_on-band: var(--_on-lilac);
  }
`;
