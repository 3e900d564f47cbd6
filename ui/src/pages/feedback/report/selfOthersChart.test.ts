import { beforeEach, describe, expect, it } from 'vitest';
import { session } from '$lib/session.svelte';
import { reference } from '../../../test/fixtures';
import { report } from '../../../test/feedbackReportFixtures';
import { chartPoints, COLOURS, selfOthersChart } from './selfOthersChart';

/** The visible text of a text element, without its tooltip's <title>. */
const visible = (t: Element) => [...t.childNodes].filter((n) => n.nodeName !== 'title').map((n) => n.textContent).join('');

beforeEach(() => {
  Object.assign(session, { reference });
});

describe('selfOthersChart', () => {
  it('puts self, others and each shown group on the scale, one row per dimension', () => {
    const points = chartPoints(report);
    expect(points.self.map((p) => [p.name, p.x])).toEqual([
      ['Inspiring shared purpose', 2],
      ['Engaging the team', 3],
    ]);
    expect(points.others.map((p) => p.x)).toEqual([3.2, 2]);
    // The peers' withheld cell on the second dimension has no circle.
    expect(points.groups.map((p) => p.title)).toEqual([
      'Inspiring shared purpose: Line manager 3.00',
      'Inspiring shared purpose: Peers 3.25',
      'Engaging the team: Line manager 2.00',
    ]);
  });

  it('draws an accessible image: squares labelled "You", lines labelled "Others", the scale in words', () => {
    const svg = selfOthersChart(report, { own: true });
    expect(svg).toHaveAttribute('role', 'img');
    expect(svg.getAttribute('aria-label')).toBe(
      'Your own rating and others\' mean for each of 2 dimensions, on the scale from Essential to Exemplary. The table "Ratings by dimension" gives the figures.',
    );
    expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0);

    const self = svg.querySelector('g.self-rating');
    expect(self).toHaveAttribute('fill', COLOURS.self);
    expect(self?.querySelectorAll('path')).toHaveLength(2);
    expect([...svg.querySelectorAll('g.self-label text')].map(visible)).toEqual(['You', 'You']);
    expect(svg.querySelectorAll('g.others-mean line')).toHaveLength(2);
    expect([...svg.querySelectorAll('g.others-label text')].map(visible)).toEqual(['Others', 'Others']);
    expect(svg.querySelectorAll('g.group-mean circle')).toHaveLength(3);

    const words = [...svg.querySelectorAll('text')].map(visible).join(' | ');
    for (const w of ['Essential', 'Proficient', 'Strong', 'Exemplary', 'Engaging the team']) expect(words).toContain(w);
  });

  it('names the fellow, not "you", to anyone else reading the report', () => {
    const svg = selfOthersChart(report);
    expect(svg.getAttribute('aria-label')).toMatch(/^Sam Fellow's own rating and others' mean/);
    expect([...svg.querySelectorAll('g.self-label text')].map(visible)).toEqual(['Self', 'Self']);
    expect(chartPoints(report).self[0].title).toBe('Inspiring shared purpose: Sam Fellow rated 2');
    expect(chartPoints(report, true).self[0].title).toBe('Inspiring shared purpose: you rated 2');
  });
});
