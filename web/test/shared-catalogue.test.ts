// The console words problems from the same catalogues as the API (packages/contracts): a contract
// message and a domain rule read the same in the console as in the API's Czech answer, including
// the messages issue 18 added (invisible characters, names on one line, each record's own
// "in the future" rule).
import { describe, expect, it } from '@jest/globals';
import { ContractMessages as M, contractMessageText, ruleText } from '@spolu/contracts';
import { localiseContractMessage } from '../src/i18n/contractMessages';
import { ruleMessage } from '../src/i18n/ruleMessages';

describe("the console's problem catalogue is the contracts' one", () => {
  it.each([M.invisibleCharacters, M.nameOneLine, M.controlCharacters])('contract message %s', (message) => {
    expect(localiseContractMessage(message, 'cs')).toBe(contractMessageText(message, 'cs'));
    expect(localiseContractMessage(message, 'en')).toBe(contractMessageText(message, 'en'));
    expect(localiseContractMessage(message, 'cs')).not.toBe(localiseContractMessage(message, 'en'));
  });

  it.each(['in-future', 'assessment-in-future', 'consultation-in-future', 'answers-in-future'])(
    'rule %s',
    (code) => {
      expect(ruleMessage(code, 'cs')).toBe(ruleText(code, 'cs'));
      expect(ruleMessage(code, 'en')).toBe(ruleText(code, 'en'));
    },
  );

  it('each record dated ahead has its own words', () => {
    const czech = ['in-future', 'assessment-in-future', 'consultation-in-future', 'answers-in-future'].map(
      (code) => ruleMessage(code, 'cs'),
    );
    expect(new Set(czech).size).toBe(4);
    expect(ruleMessage('assessment-in-future', 'cs')).toBe('Posouzení potřeb nelze zapsat do budoucna.');
  });
});
