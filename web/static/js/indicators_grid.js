// The data-entry grid of indicators (/indicators/rounds/{id}/{unit}): moving between cells with
// the keyboard (Enter and the up and down arrows move down and up a row; the left and right
// arrows move across when the caret is at the edge of the text; Tab as usual), and pasting a
// block copied from Excel (tab-separated columns, one line per row) into a cell, which fills the
// cells down and to the right of it. Nothing is sent until the form is saved.
(function () {
  'use strict';
  var grid = document.getElementById('grid');
  if (!grid) {
    return;
  }

  function cell(row, col) {
    return grid.querySelector('input[data-row="' + row + '"][data-col="' + col + '"]');
  }

  function move(input, dRow, dCol) {
    var row = Number(input.dataset.row) + dRow;
    var col = Number(input.dataset.col) + dCol;
    var next = cell(row, col);
    if (next) {
      next.focus();
      next.select();
      return true;
    }
    return false;
  }

  grid.addEventListener('keydown', function (e) {
    var input = e.target;
    if (!input.matches || !input.matches('input[data-row]')) {
      return;
    }
    var atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    var atEnd = input.selectionStart === input.value.length;
    var moved = false;
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      moved = move(input, e.shiftKey && e.key === 'Enter' ? -1 : 1, 0);
      if (e.key === 'Enter') {
        e.preventDefault();
        return;
      }
    } else if (e.key === 'ArrowUp') {
      moved = move(input, -1, 0);
    } else if (e.key === 'ArrowLeft' && atStart) {
      moved = move(input, 0, -1);
    } else if (e.key === 'ArrowRight' && atEnd) {
      moved = move(input, 0, 1);
    }
    if (moved) {
      e.preventDefault();
    }
  });

  grid.addEventListener('paste', function (e) {
    var input = e.target;
    if (!input.matches || !input.matches('input[data-row]') || input.readOnly) {
      return;
    }
    var text = (e.clipboardData || window.clipboardData).getData('text');
    if (!text || (text.indexOf('\t') < 0 && text.indexOf('\n') < 0)) {
      return;  // one value: the browser pastes it
    }
    e.preventDefault();
    var lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
    var row0 = Number(input.dataset.row);
    var col0 = Number(input.dataset.col);
    var last = input;
    lines.forEach(function (line, i) {
      line.split('\t').forEach(function (value, j) {
        var target = cell(row0 + i, col0 + j);
        if (target && !target.readOnly) {
          target.value = value.trim();
          target.classList.add('pasted');
          last = target;
        }
      });
    });
    last.focus();
  });
}());
