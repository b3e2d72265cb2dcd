// The console forms' contract (web/src/forms/contract.ts): the contracts' own zod schema checks the
// body the form's values make through @hookform/resolvers/zod; errors come back keyed by the body's
// paths, as the API reports them, with the contracts' messages in Czech; an accepted body is sent as
// the schema parsed it. And the query cache tries a request again only when it never reached the API.
import { describe, expect, it, jest } from '@jest/globals';
import { SpoluProblem } from '@spolu/client';
import { directory as d } from '@spolu/contracts';
import { retryNetworkErrors } from '../src/api/queries';
import { contract, flatErrors, formPath, toggle } from '../src/forms/contract';

interface Values {
  name: string;
  ageMin: string;
  ageMax: string;
  hours: { day: string; opens: string; closes: string }[];
}
const body = (v: Values) => ({
  name: v.name,
  type: 's60',
  targetGroups: ['substance-users'],
  ageMin: Number(v.ageMin),
  ageMax: Number(v.ageMax),
  districts: ['liberec'],
  hours: v.hours,
  availability: { capacity: 10, waitingDays: 0, acceptingReferrals: true },
});
const values: Values = { name: 'Doléčovací byty', ageMin: '18', ageMax: '65', hours: [] };
const options = { fields: {}, shouldUseNativeValidation: false };

describe('a form checked by its contract', () => {
  it('puts a row’s error at the row’s own field, in Czech', async () => {
    const send = jest.fn(async () => 'sent');
    const resolver = contract(d.RegisterServiceBody, body, send);
    const result = await resolver(
      {
        ...values,
        hours: [
          { day: 'mon', opens: '09:00', closes: '17:00' },
          { day: 'tue', opens: '16:00', closes: '08:00' },
        ],
      },
      undefined,
      options,
    );
    expect(flatErrors(result.errors, 'cs')).toEqual({ 'hours[1].closes': 'Otevírá se dřív, než se zavírá.' });
    expect(flatErrors(result.errors, 'en')).toEqual({
      'hours[1].closes': 'Opening time must be before closing time.',
    });
    expect(send).not.toHaveBeenCalled();
  });

  it('puts the body’s own rule at the field it names', async () => {
    const resolver = contract(d.RegisterServiceBody, body, async () => 'sent');
    const result = await resolver({ ...values, ageMin: '60', ageMax: '20' }, undefined, options);
    expect(flatErrors(result.errors, 'cs')).toEqual({ ageMax: 'Nejnižší věk nesmí být vyšší než nejvyšší.' });
  });

  it('sends the body as the schema parsed it (defaults included)', async () => {
    const send = jest.fn(async (b: { locations: unknown[] }) => b.locations.length);
    const result = await contract(d.RegisterServiceBody, body, send)(values, undefined, options);
    expect(result.errors).toEqual({});
    expect(await Reflect.get(result.values, 'save')()).toBe(0);
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Doléčovací byty', ageMin: 18, anonymousMode: 'not-allowed' }),
    );
  });

  it('names API paths as react-hook-form does, and toggles a checkbox list', () => {
    expect(formPath('interventions[0].given')).toBe('interventions.0.given');
    expect(flatErrors({ root: { server: { type: 'server', message: 'Nothing to change' } } }, 'cs')).toEqual({
      '': 'Nothing to change',
    });
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
  });
});

describe('the query cache’s retries', () => {
  it('tries again after a network failure, never after an API answer, at most twice', () => {
    expect(retryNetworkErrors(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(retryNetworkErrors(2, new TypeError('Failed to fetch'))).toBe(false);
    const notFound = new SpoluProblem(
      { type: 'about:blank', title: 'Not Found', status: 404 },
      new Response(null, { status: 404 }),
    );
    expect(retryNetworkErrors(0, notFound)).toBe(false);
  });
});
