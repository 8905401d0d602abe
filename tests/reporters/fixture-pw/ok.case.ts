import { expect, test } from '@playwright/test';

test('passes', () => expect(1).toBe(1));
// A declared skip on purpose: the reporter test checks that skips are counted as skips.
test.skip('declared skip', () => {});
