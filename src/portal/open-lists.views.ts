// Views of the open lists and public statistics. They receive only the public columns (head of
// household's name, village, counts already suppressed) from the service.
import { formatDateVn } from '../domain/dates.js';
import type {
  OpenList,
  PostedCommune,
  PublicStats,
  PublicStatRow,
} from '../services/public/open-lists.service.js';
import type { UnitMatch } from '../services/units.service.js';
import { formatCount, formatNumber } from '../domain/format.js';
import { html, type Html } from './html.js';
import { messagePage, type PageContext } from './views.js';
import { ratesByUnitChart, trendChart } from './charts.js';
import { statsMap } from './map.js';

const h = html;

export function openListsIndex(ctx: PageContext, lists: PostedCommune[]): string {
  const { t } = ctx;
  const parents = [
    ...new Map(
      lists.filter((l) => l.parentCode !== null).map((l) => [l.parentCode!, l.parentName ?? l.parentCode!]),
    ),
  ];
  const body = h`<p>${t.openListsIntro}</p>${
    lists.length
      ? h`<ul>${lists.map(
          (l) =>
            h`<li><a href="/cong-khai/${l.communeCode}?nam=${l.period}">${l.kind === 'recognised' ? t.recognisedList(l.communeName, l.period) : t.proposedList(l.communeName, l.period)}</a>${
              l.kind === 'proposed' && l.postingStart && l.postingDeadline
                ? h` <span class="meta">(${t.postingWindow(formatDateVn(l.postingStart), formatDateVn(l.postingDeadline))})</span>`
                : l.kind === 'ended'
                  ? h` <span class="meta">(${t.postingEndedShort})</span>`
                  : null
            }</li>`,
        )}</ul>`
      : h`<p>${t.noOpenLists}</p>`
  }<h2>${t.statsLink}</h2>${
    parents.length
      ? h`<ul>${parents.map(([code, name]) => h`<li><a href="/cong-khai/thong-ke/${code}">${t.statsLink} – ${name}</a></li>`)}</ul>`
      : null
  }${unitSearchForm(ctx, '')}`;
  return messagePage(ctx, t.openLists, [], body);
}

/** The statistics' unit, found by its name typed without accents: a plain GET form, no script. */
export function unitSearchForm(ctx: PageContext, q: string): Html {
  const { t } = ctx;
  return h`<form method="get" action="/cong-khai/thong-ke"><label for="stats-unit">${t.unitCode}</label><input type="search" id="stats-unit" name="don-vi" maxlength="100" required value="${q}" /> <button type="submit">${t.findUnit}</button></form>`;
}

/** The units whose name matches what was typed, each a link to its statistics. */
export function unitMatchesPage(ctx: PageContext, q: string, matches: UnitMatch[]): string {
  const { t } = ctx;
  const body = matches.length
    ? h`<ul class="unit-matches">${matches.map(
        (u) =>
          h`<li><a href="/cong-khai/thong-ke/${u.code}">${u.name}</a>${u.parentName ? h` – ${u.parentName}` : null}${
            u.validTo ? h` <span class="meta">(${t.until(formatDateVn(u.validTo))})</span>` : null
          }</li>`,
      )}</ul>`
    : h`<p>${t.noUnitMatch(q)}</p>`;
  return messagePage(ctx, t.unitMatches(q), [], h`${body}${unitSearchForm(ctx, q)}`);
}

function table(ctx: PageContext, list: OpenList, rows: OpenList['poor'], caption: string): Html {
  const { t } = ctx;
  return h`<table class="list"><caption><h2>${caption} (${rows.length})</h2></caption><thead><tr><th scope="col">${t.rowNo}</th><th scope="col">${t.headName}</th><th scope="col">${t.village}</th>${
    list.kind === 'proposed' ? h`<th scope="col"><span class="hp">${t.complainAbout}</span></th>` : null
  }</tr></thead><tbody>${rows.map(
    (r, i) =>
      h`<tr><td>${i + 1}</td><td>${r.headName}</td><td>${r.village ?? '—'}</td>${
        list.kind === 'proposed'
          ? h`<td><a href="/gop-y?xa=${list.communeCode}&amp;ho=${r.ref}">${t.complainAbout}</a></td>`
          : null
      }</tr>`,
  )}</tbody></table>`;
}

export function openListPage(ctx: PageContext, list: OpenList): string {
  const { t } = ctx;
  const title =
    list.kind === 'recognised'
      ? t.recognisedList(list.communeName, list.period)
      : t.proposedList(list.communeName, list.period);
  // The posting is over and the list not recognised yet: the names are withdrawn.
  if (list.kind === 'ended') {
    const ended = h`<p class="note">${t.postingEnded(formatDateVn(list.postingDeadline ?? ''))}</p>`;
    return messagePage(ctx, title, [], ended);
  }
  const body = h`${
    list.kind === 'proposed' && list.postingStart && list.postingDeadline
      ? h`<p class="note">${t.postingWindow(formatDateVn(list.postingStart), formatDateVn(list.postingDeadline))}. <a href="/gop-y?xa=${list.communeCode}">${t.complainList}</a></p>`
      : null
  }${list.decision ? h`<p class="note">${t.decision(list.decision.number, formatDateVn(list.decision.date))}</p>` : null}
${table(ctx, list, list.poor, t.poorList)}
${table(ctx, list, list.nearPoor, t.nearPoorList)}`;
  return messagePage(ctx, title, [], body);
}

function statRow(ctx: PageContext, row: PublicStatRow, header = false): Html {
  const rate = (r: number | null) =>
    r === null
      ? row.residentsMissing
        ? ctx.t.noResidents
        : '—'
      : h`${formatNumber(r)} % <meter min="0" max="20" value="${Math.min(r, 20)}"></meter>`;
  const name = header ? h`<th scope="row">${row.unitName}</th>` : h`<td>${row.unitName}</td>`;
  // Counts arrive as published text ("24054", or "< 5" when suppressed): digits get separators.
  const n = (v: string) => (/^\d+$/.test(v) ? formatCount(Number(v)) : v);
  const residents = row.residentHouseholds === null ? '—' : n(row.residentHouseholds);
  return h`<tr>${name}<td>${residents}</td><td>${n(row.households)}</td><td>${n(row.poor)}</td><td>${rate(row.poorRate)}</td><td>${n(row.nearPoor)}</td><td>${rate(row.nearPoorRate)}</td></tr>`;
}

export function statsPage(ctx: PageContext, stats: PublicStats): string {
  const { t } = ctx;
  const body = h`<p class="meta">${t.year}: ${stats.periods.map((p, i) => h`${i ? ' · ' : ''}${p === stats.period ? h`<b>${p}</b>` : h`<a href="/cong-khai/thong-ke/${stats.unitCode}?nam=${p}">${p}</a>`}`)}</p>
<table class="list"><thead><tr><th scope="col">${t.unit}</th><th scope="col">${t.residentHouseholds}</th><th scope="col">${t.households}</th><th scope="col">${t.poorCount}</th><th scope="col">${t.poorRate}</th><th scope="col">${t.nearPoorCount}</th><th scope="col">${t.nearPoorRate}</th></tr></thead>
<tbody>${stats.rows.map((r) => statRow(ctx, r))}</tbody><tfoot>${statRow(ctx, { ...stats.total, unitName: t.total }, true)}</tfoot></table>
<p class="meta">${t.suppressedNote}</p>`;
  const byUnit =
    stats.rows.length > 1
      ? ratesByUnitChart(
          t,
          'chart-units',
          t.chartByUnit(stats.period),
          stats.rows.map((r) => ({ label: r.unitName, poorRate: r.poorRate, nearPoorRate: r.nearPoorRate })),
        )
      : null;
  const trend = trendChart(
    t,
    'chart-trend',
    t.chartTrend(stats.unitName),
    stats.trend.map((p) => ({ label: String(p.period), poorRate: p.poorRate, nearPoorRate: p.nearPoorRate })),
  );
  const charts = byUnit || trend ? h`${trend}${byUnit}<p class="meta">${t.chartNote}</p>` : null;
  const map = statsMap(t, ctx.lang, stats);
  return messagePage(ctx, t.statsTitle(stats.unitName, stats.period), [], h`${map}${charts}${body}`);
}
