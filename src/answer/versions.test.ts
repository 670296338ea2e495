import { describe, expect, it } from 'vitest';
import { compatibleVersions, namedVersionsOf, otherVersionNamed, sameName } from './versions.ts';

describe('reading the versions written after a name', () => {
  it('reads a version after a name in either script, with a particle or a tag', () => {
    expect(namedVersionsOf('루비 4.1은 언제 나와?')).toEqual([{ name: '루비', version: '4.1' }]);
    expect(namedVersionsOf('ollama 0.14-rc2 added Swift')).toEqual([{ name: 'ollama', version: '0.14-rc2' }]);
    expect(namedVersionsOf('Is the Realme P5 Power out?')).toEqual([{ name: 'Realme', version: 'P5' }]);
    expect(namedVersionsOf('Claude Opus 5 price')).toEqual([{ name: 'Opus', version: '5', before: 'Claude' }]);
  });

  it('reads no version in a count, a unit, a larger number or after a stopword', () => {
    expect(namedVersionsOf('주 4일제 도입')).toEqual([]);
    expect(namedVersionsOf('Power는 10,001mAh 배터리와 Realme 80W 충전')).toEqual([]);
    expect(namedVersionsOf('those 17 education groups')).toEqual([]);
  });

  it('ends a version at a comma or a full stop that starts no number', () => {
    expect(namedVersionsOf('Flowblade 2.24, OpenShot 3.4.').map((v) => v.version)).toEqual(['2.24', '3.4']);
  });
});

describe('comparing versions and names', () => {
  it.each([
    ['0.14', '0.14-rc2', true],
    ['P4', 'p4', true],
    ['4.1', '4.0', false],
    ['0.15', '0.14-rc2', false],
    ['5', '4.5', false],
    ['4', '41', false],
  ])('takes %s and %s for one release: %s (a tag or a part of a version is the version)', (a, b, same) => {
    expect(compatibleVersions(a, b)).toBe(same);
  });

  it.each([
    ['Ruby', '루비', true],
    ['Realme', '리얼미', true],
    ['OLLAMA', 'ollama', true],
    ['Python', '루비', false],
  ])('takes %s for the name %s: %s (a Hangul spelling or an alias is the name)', (written, asked, same) => {
    expect(sameName(written, asked)).toBe(same);
  });
});

describe('finding a version the text names only in others', () => {
  const lead = namedVersionsOf('Ruby 4.0이 2025년 크리스마스에 출시되었습니다. 6월까지 Ruby 3.4 채택률은 11%였습니다.');

  it('finds the asked version when the text names only other versions of its name', () => {
    expect(otherVersionNamed(namedVersionsOf('루비 4.1은 언제 나와?'), lead)).toEqual({ name: '루비', version: '4.1' });
  });

  it('finds nothing when the text names the asked version too, or no version of its name', () => {
    expect(otherVersionNamed(namedVersionsOf('Ruby 3.4 채택률은?'), lead)).toBeUndefined();
    expect(otherVersionNamed(namedVersionsOf('Python 3.15 언제 나와?'), lead)).toBeUndefined();
  });

  it('compares a year only with a year, and a product line only with itself', () => {
    expect(otherVersionNamed(namedVersionsOf('Ruby 4.1 언제 나와?'), namedVersionsOf('State of Ruby 2026 보고서'))).toBeUndefined();
    expect(otherVersionNamed(namedVersionsOf('Where is Delta Forge 1?'), namedVersionsOf('Polaris Forge 2의 임대 계약'))).toBeUndefined();
    expect(otherVersionNamed(namedVersionsOf('Claude Opus 5 price'), namedVersionsOf('Opus 4.5는 $5입니다.'))).toEqual({ name: 'Opus', version: '5', before: 'Claude' });
  });
});
