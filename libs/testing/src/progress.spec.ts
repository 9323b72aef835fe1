import { createProgress } from './progress';

describe('progress lines', () => {
  it('prefixes each line with the seconds elapsed and a status mark', () => {
    const lines: string[] = [];
    const started = Date.now() - 2_500;
    const progress = createProgress((l) => lines.push(l), started);
    progress.ok('kafka: up');
    progress.warn('identity: skipped');
    expect(lines[0]).toMatch(/^\[\s+2\.\ds\] ok kafka: up$/);
    expect(lines[1]).toMatch(/!! identity: skipped$/);
  });
});
