// The dashboard's charts (Apache ECharts). The numbers come from the dashboard's own API with the
// same filters (data-api); every chart's numbers are also in the table beside it, so the page
// works without this script. No inline script: the page's CSP allows only files from 'self'.
(function () {
  'use strict';
  var root = document.getElementById('dashboard');
  if (!root || !root.dataset.api || typeof window.echarts === 'undefined') {
    return;
  }
  var en = root.dataset.lang === 'en';
  var locale = en ? 'en-US' : 'vi-VN';
  function fmt(v) {
    if (v === null || v === undefined) {
      return '—';
    }
    return Number(v).toLocaleString(locale, { maximumFractionDigits: 3 });
  }
  function name(o) {
    return en ? o.name_en : o.name_vi;
  }
  function chart(key, option) {
    var el = root.querySelector('[data-chart="' + key + '"]');
    if (!el) {
      return;
    }
    el.removeAttribute('aria-hidden');
    el.setAttribute('role', 'img');
    var c = window.echarts.init(el);
    option.tooltip = option.tooltip || { trigger: 'axis', valueFormatter: fmt };
    option.grid = option.grid || { left: 8, right: 16, top: 30, bottom: 8, containLabel: true };
    c.setOption(option);
    window.addEventListener('resize', function () { c.resize(); });
  }
  function bars(key, items, label, horizontal) {
    var names = items.map(name);
    var values = items.map(function (x) { return x.count !== undefined ? x.count : x.value; });
    var cat = { type: 'category', data: names, inverse: !!horizontal, axisLabel: { width: 120, overflow: 'truncate' } };
    var val = { type: 'value', axisLabel: { formatter: fmt } };
    chart(key, {
      xAxis: horizontal ? val : cat,
      yAxis: horizontal ? cat : val,
      series: [{ type: 'bar', name: label, data: values }]
    });
  }
  fetch(root.dataset.api, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (d) {
      if (!d) {
        return;
      }
      var indicator = d.indicator ? name(d.indicator) : '';
      chart('trend', {
        xAxis: { type: 'category', data: d.trend.map(function (y) { return String(y.year); }) },
        yAxis: { type: 'value', axisLabel: { formatter: fmt } },
        // A year that not every unit has reported yet is drawn hollow and grey, so that it is
        // not read as a fall.
        series: [{
          type: 'line',
          name: indicator,
          connectNulls: false,
          data: d.trend.map(function (y) {
            return y.units_reporting < y.units_expected
              ? { value: y.value, symbol: 'emptyCircle', symbolSize: 9, itemStyle: { color: '#9aa0a6' } }
              : y.value;
          })
        }]
      });
      bars('top', d.top_provinces, indicator, true);
      bars('countries', d.agreements.by_country, en ? 'Agreements' : 'Thỏa thuận', true);
      bars('fields', d.agreements.by_field, en ? 'Agreements' : 'Thỏa thuận', true);
      chart('delegations', {
        legend: { top: 0 },
        xAxis: { type: 'category', data: d.delegations.map(name) },
        yAxis: { type: 'value' },
        series: [
          { type: 'bar', name: en ? 'Outbound' : 'Đoàn ra', data: d.delegations.map(function (l) { return l.outbound; }) },
          { type: 'bar', name: en ? 'Inbound' : 'Đoàn vào', data: d.delegations.map(function (l) { return l.inbound; }) }
        ]
      });
      chart('results', {
        legend: { top: 0 },
        xAxis: { type: 'category', data: d.agreements.by_year.map(function (y) { return String(y.year); }) },
        yAxis: { type: 'value' },
        series: [
          { type: 'bar', stack: 'a', name: en ? 'With results' : 'Có kết quả', data: d.agreements.by_year.map(function (y) { return y.with_results; }) },
          { type: 'bar', stack: 'a', name: en ? 'Without results' : 'Chưa có kết quả', data: d.agreements.by_year.map(function (y) { return y.without_results; }) }
        ]
      });
    })
    .catch(function () { /* the tables already show the numbers */ });
}());
