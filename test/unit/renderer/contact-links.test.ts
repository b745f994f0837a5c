// Contact links from connector data: tel: holds only digits (and a leading plus), mailto: only one plain address.
import { describe, expect, it } from 'vitest';
import { mailtoHref, telHref } from '../../../renderer/src/contact-links';

describe('mailtoHref', () => {
  it('links a plain address, percent-encoding its parts but keeping the @', () => {
    expect(mailtoHref('sanne.devries@example.nl')).toBe('mailto:sanne.devries@example.nl');
    expect(mailtoHref('  ops+oncall@mail.example.com ')).toBe('mailto:ops%2Boncall@mail.example.com');
    expect(mailtoHref("o'brien@example.ie")).toBe("mailto:o'brien@example.ie");
    expect(mailtoHref('jürgen@beispiel.de')).toBe('mailto:j%C3%BCrgen@beispiel.de');
  });

  it('gives no link for extra headers, a body, more recipients or anything but one plain address', () => {
    for (const email of [
      'x@y.z?cc=a@b.c&body=Please%20pay',
      'x@y.z?subject=hi',
      'x?cc=a@b.c',
      'x&body=hi@y.z',
      'x#frag@y.z',
      'x%3Fcc@y.z',
      'a@b.c,d@e.f',
      'a@b.c; d@e.f',
      'Sanne <sanne@example.nl>',
      '"quoted"@example.nl',
      'two words@example.nl',
      'x@y.z\nBcc: a@b.c',
      'javascript:alert(1)//@y.z',
      'no-at-sign.example.nl',
      'x@localhost',
      'x@-y.z',
      'x@y..z',
      '.x@y.z',
      'x.@y.z',
      '@y.z',
      `${'a'.repeat(251)}@y.z`,
    ]) {
      expect(mailtoHref(email), email).toBeNull();
    }
  });
});

describe('telHref', () => {
  it('keeps only digits and a leading plus', () => {
    expect(telHref('+31 (0)20 123 45 67')).toBe('tel:+310201234567');
    expect(telHref('020-1234567')).toBe('tel:0201234567');
    expect(telHref('+31 20?body=x&y=1')).toBe('tel:+31201');
    expect(telHref('0 20+31')).toBe('tel:02031');
  });

  it('gives no link when too few digits are left to call', () => {
    expect(telHref('unknown')).toBeNull();
    expect(telHref('+1')).toBeNull();
    expect(telHref('javascript:alert()')).toBeNull();
  });
});
