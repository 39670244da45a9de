// Views of the open lists and public statistics. They receive only the public columns (head of
// household's name, village, counts already suppressed) from the service.
import { formatDateVn } from '../domain/dates.js';
import type {
  OpenList,
  PostedCommune,
  PublicStats,
  PublicStatRow,
} from '../services/public/open-lists.service.js';
import { html, type Html } from './html.js';
import { messagePage, type PageContext } from './views.js';
import { ratesByUnitChart, trendChart } from './charts.js';

const h = html;

export function openListsIndex(ctx: PageContext, lists: PostedCommune[]): string {
  const { t } = ctx;
  const parents = [...new Set(lists.map((l) => l.parentCode).filter((c): c is string => c !== null))];
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
      ? h`<ul>${parents.map((code) => h`<li><a href="/cong-khai/thong-ke/${code}">${t.statsLink} – ${t.unit} ${code}</a></li>`)}</ul>`
      : null
  }<form method="get" action="/cong-khai/thong-ke"><label for="stats-unit">${t.unitCode}</label><input type="text" id="stats-unit" name="don-vi" inputmode="numeric" pattern="[0-9]{2,5}" maxlength="5" required /> <button type="submit">${t.statsLink}</button></form>`;
  return messagePage(ctx, t.openLists, [], body);
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

function statRow(row: PublicStatRow, header = false): Html {
  const rate = (r: number | null) =>
    r === null
      ? '—'
      : h`${r.toLocaleString('vi-VN')} % <meter min="0" max="20" value="${Math.min(r, 20)}"></meter>`;
  const name = header ? h`<th scope="row">${row.unitName}</th>` : h`<td>${row.unitName}</td>`;
  return h`<tr>${name}<td>${row.households}</td><td>${row.poor}</td><td>${rate(row.poorRate)}</td><td>${row.nearPoor}</td><td>${rate(row.nearPoorRate)}</td></tr>`;
}

export function statsPage(ctx: PageContext, stats: PublicStats): string {
  const { t } = ctx;
  const body = h`<p class="meta">${t.year}: ${stats.periods.map((p, i) => h`${i ? ' · ' : ''}${p === stats.period ? h`<b>${p}</b>` : h`<a href="/cong-khai/thong-ke/${stats.unitCode}?nam=${p}">${p}</a>`}`)}</p>
<table class="list"><thead><tr><th scope="col">${t.unit}</th><th scope="col">${t.households}</th><th scope="col">${t.poorCount}</th><th scope="col">${t.poorRate}</th><th scope="col">${t.nearPoorCount}</th><th scope="col">${t.nearPoorRate}</th></tr></thead>
<tbody>${stats.rows.map((r) => statRow(r))}</tbody><tfoot>${statRow({ ...stats.total, unitName: t.total }, true)}</tfoot></table>
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
  return messagePage(ctx, t.statsTitle(stats.unitName, stats.period), [], h`${charts}${body}`);
}
