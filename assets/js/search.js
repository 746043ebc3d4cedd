/* Site search for the /search/ page. The index was built with the site
   (generator/internal/search): this script fetches only the files a query
   needs, from this site, and ranks the pages in the browser. The query is
   never sent anywhere. Page and query text are put into the page as text
   nodes only, never as markup. */
(function () {
  'use strict';
  var form = document.querySelector('form.search-form[data-index]');
  var input = form && form.querySelector('input[name="q"]');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var none = document.getElementById('search-none');
  var suggest = document.getElementById('search-suggest');
  var suggestList = document.getElementById('search-suggest-list');
  if (!form || !input || !status || !list || !none || !window.fetch || !window.Map) {
    return;
  }
  var MAX_QUERY = 200; // characters of a query that are read
  var MAX_WORDS = 12; // words of a query that are searched
  var SHOW = 10; // results listed
  var own = Object.prototype.hasOwnProperty;
  var files = new Map(); // URL -> Promise of parsed JSON
  var postings = new Map(); // stem -> Map(page id -> tf)
  var forms = new Map(); // stem -> its usual spelling
  var manifest = null;
  var seq = 0;

  function local(url) {
    return typeof url === 'string' && /^\/[^\/\\]/.test(url);
  }
  function get(url) {
    if (!local(url)) {
      return Promise.reject(new Error('not a file of this site'));
    }
    if (!files.has(url)) {
      files.set(url, fetch(url, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) {
          throw new Error('HTTP ' + r.status);
        }
        return r.json();
      }));
    }
    return files.get(url);
  }
  function field(o, k) {
    return o && own.call(o, k) ? o[k] : undefined;
  }

  // tokens splits text as the generator does (search.Tokens).
  var WORD = /[\p{L}\p{Nd}]+(?:['\u2019]\p{L}[\p{L}\p{Nd}]*)*/gu;
  function tokens(s) {
    var out = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(s)) !== null) {
      var t = m[0].toLowerCase().replace(/\u2019/g, "'");
      if (t.slice(-2) === "'s") {
        t = t.slice(0, -2);
      }
      t = t.replace(/'/g, '');
      var n = Array.from(t).length;
      if (t === '' || new TextEncoder().encode(t).length > 40 || (n < 2 && !/^\p{Nd}/u.test(t))) {
        continue;
      }
      out.push(t);
    }
    return out;
  }
  function prefix2(k) {
    return Array.from(k).slice(0, 2).join('');
  }
  function shardURL(k) {
    var t = manifest.t;
    var p = prefix2(k);
    var lo = 0;
    var hi = t.length - 1;
    var ans = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (t[mid][0] <= p) {
        ans = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return ans < 0 ? null : t[ans][1];
  }
  function shard(k) {
    var u = shardURL(k);
    return u ? get(u) : Promise.resolve({ p: {}, w: {} });
  }

  // stemOf maps a word to the stem it was indexed under; a word the site
  // never uses is tried without a plural ending, else kept as it is.
  function stemOf(sh, t) {
    var cands = [t];
    if (t.length > 3 && t.slice(-1) === 's') {
      cands.push(t.slice(0, -1));
      if (t.slice(-2) === 'es') {
        cands.push(t.slice(0, -2));
      }
    }
    for (var i = 0; i < cands.length; i++) {
      var s = field(sh.w, cands[i]);
      if (typeof s === 'string') {
        return s;
      }
      if (Array.isArray(field(sh.p, cands[i]))) {
        return cands[i];
      }
    }
    return t;
  }

  function postingsOf(stem) {
    if (postings.has(stem)) {
      return Promise.resolve(postings.get(stem));
    }
    return shard(stem).then(function (sh) {
      var row = field(sh.p, stem);
      var m = new Map();
      if (Array.isArray(row)) {
        forms.set(stem, String(row[0]));
        var id = 0;
        for (var i = 1; i + 1 < row.length; i += 2) {
          id += row[i];
          m.set(id, row[i + 1]);
        }
      }
      postings.set(stem, m);
      return m;
    });
  }

  function editsAtMostOne(a, b) {
    if (a === b) {
      return true;
    }
    var la = a.length;
    var lb = b.length;
    if (Math.abs(la - lb) > 1) {
      return false;
    }
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) {
      i++;
    }
    if (la === lb) {
      return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  function distance(a, b) {
    var prev = [];
    for (var j = 0; j <= b.length; j++) {
      prev.push(j);
    }
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      for (var k = 1; k <= b.length; k++) {
        cur.push(Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1)));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  // keysOf lists a shard's keys that share k's first two letters: stems
  // (with their usual spelling) and the words that lead to them.
  function keysOf(sh, k) {
    var p = prefix2(k);
    var out = [];
    Object.keys(sh.p || {}).forEach(function (s) {
      if (s.indexOf(p) === 0 && Array.isArray(sh.p[s])) {
        out.push({ key: s, stem: s, word: String(sh.p[s][0]), df: (sh.p[s].length - 1) / 2 });
      }
    });
    Object.keys(sh.w || {}).forEach(function (w) {
      if (w.indexOf(p) === 0 && typeof sh.w[w] === 'string') {
        out.push({ key: w, stem: sh.w[w], word: w, df: 0 });
      }
    });
    return out;
  }

  // plan turns the query into clauses, each a list of alternatives
  // {stems, weight}: the word itself, its synonyms, for the last word the
  // longer words it begins, and for a long word without an exact match
  // the words one typo away.
  function plan(words, open) {
    return Promise.all(words.map(function (t) {
      return shard(t);
    })).then(function (shards) {
      var stems = words.map(function (t, i) {
        return stemOf(shards[i], t);
      });
      var stops = new Set(manifest.s || []);
      var clauses = [];
      var i = 0;
      while (i < words.length) {
        var best = null;
        (manifest.y || []).forEach(function (group) {
          group.forEach(function (ph) {
            var n = ph.w.length;
            if (i + n > words.length || (best && best.n >= n)) {
              return;
            }
            for (var j = 0; j < n; j++) {
              if (words[i + j] !== ph.w[j] && stems[i + j] !== ph.s[j]) {
                return;
              }
            }
            best = { n: n, ph: ph, group: group };
          });
        });
        if (best) {
          var alts = [{ stems: best.ph.s, weight: 1 }];
          best.group.forEach(function (ph) {
            if (ph !== best.ph) {
              alts.push({ stems: ph.s, weight: 0.9 });
            }
          });
          clauses.push({ words: words.slice(i, i + best.n), alts: alts, at: i });
          i += best.n;
          continue;
        }
        var t = words[i];
        if (stops.has(t)) {
          i++;
          continue;
        }
        var c = { words: [t], alts: [{ stems: [stems[i]], weight: 1 }], at: i };
        var sh = shards[i];
        var known = Array.isArray(field(sh.p, stems[i])) || typeof field(sh.w, t) === 'string';
        var seen = new Set([stems[i]]);
        var keys = keysOf(sh, t);
        if (open && i === words.length - 1 && Array.from(t).length >= 2) {
          keys.filter(function (k) {
            return k.key.indexOf(t) === 0;
          }).sort(function (a, b) {
            return b.df - a.df || (a.key < b.key ? -1 : 1);
          }).forEach(function (k) {
            if (!seen.has(k.stem) && seen.size < 40) {
              seen.add(k.stem);
              c.alts.push({ stems: [k.stem], weight: 0.8 });
            }
          });
        }
        if (!known && Array.from(t).length >= 5) {
          keys.forEach(function (k) {
            if (!seen.has(k.stem) && (editsAtMostOne(t, k.key) || editsAtMostOne(stems[i], k.key))) {
              seen.add(k.stem);
              c.alts.push({ stems: [k.stem], weight: 0.7 });
            }
          });
        }
        c.shard = sh;
        clauses.push(c);
        i++;
      }
      return clauses;
    });
  }

  function idf(df) {
    var n = manifest.n;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  // rank scores every page a clause finds: Σ over clauses of the best
  // alternative's weight × Σ idf × tf, times the share of clauses matched.
  function rank(clauses) {
    var need = [];
    clauses.forEach(function (c) {
      c.alts.forEach(function (a) {
        // A synonym phrase's stop words have no stem ("") and no postings.
        a.stems = a.stems.filter(Boolean);
        a.stems.forEach(function (s) {
          need.push(s);
        });
      });
    });
    return Promise.all(need.map(postingsOf)).then(function () {
      var total = new Map();
      var hits = new Map();
      clauses.forEach(function (c) {
        var best = new Map();
        c.alts.forEach(function (a) {
          var score = null;
          a.stems.forEach(function (s) {
            var ps = postings.get(s);
            var w = idf(ps.size);
            var next = new Map();
            ps.forEach(function (tf, id) {
              if (score === null || score.has(id)) {
                next.set(id, (score === null ? 0 : score.get(id)) + w * tf / 10);
              }
            });
            score = next; // a phrase needs all its words
          });
          if (score) {
            score.forEach(function (v, id) {
              var x = v * a.weight;
              if (!best.has(id) || best.get(id) < x) {
                best.set(id, x);
              }
            });
          }
        });
        best.forEach(function (v, id) {
          total.set(id, (total.get(id) || 0) + v);
          hits.set(id, (hits.get(id) || 0) + 1);
        });
      });
      var out = [];
      total.forEach(function (v, id) {
        var share = hits.get(id) / clauses.length;
        out.push({ id: id, score: v * share * share });
      });
      out.sort(function (a, b) {
        return b.score - a.score || a.id - b.id;
      });
      return out;
    });
  }

  function docs(ids) {
    var dps = manifest.dps;
    return Promise.all(ids.map(function (id) {
      var u = manifest.d[Math.floor(id / dps)];
      return get(u).then(function (rows) {
        return rows[id % dps];
      });
    }));
  }

  // needles are what marks a word in a title or snippet: the query's
  // words and the stems of every alternative.
  function needles(words, clauses) {
    var set = new Set(words);
    clauses.forEach(function (c) {
      c.alts.forEach(function (a) {
        a.stems.forEach(function (s) {
          set.add(s);
          if (forms.has(s)) {
            set.add(forms.get(s));
          }
        });
      });
    });
    return Array.from(set).filter(function (n) {
      return !(manifest.s || []).includes(n);
    });
  }
  function marks(word, ns) {
    var w = word.toLowerCase().replace(/['\u2019]/g, '');
    return ns.some(function (n) {
      return n.length < 4 ? w === n || w === n + 's' : w.indexOf(n) === 0;
    });
  }
  // appendMarked appends text to el as text nodes, wrapping the words that
  // match in <mark>.
  function appendMarked(el, text, ns) {
    var re = /[\p{L}\p{Nd}]+(?:['\u2019][\p{L}\p{Nd}]+)*/gu;
    var last = 0;
    var m;
    while ((m = re.exec(text)) !== null) {
      if (marks(m[0], ns)) {
        el.appendChild(document.createTextNode(text.slice(last, m.index)));
        var mk = document.createElement('mark');
        mk.textContent = m[0];
        el.appendChild(mk);
        last = m.index + m[0].length;
      }
    }
    el.appendChild(document.createTextNode(text.slice(last)));
  }

  // say shows the status for the query q, and marks the form with the
  // query it answered (data-answered), so a test knows the page is done.
  function say(text, q) {
    status.textContent = text;
    form.setAttribute('data-answered', q);
  }
  function clear() {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    list.hidden = true;
    none.hidden = true;
    if (suggest) {
      suggest.hidden = true;
    }
    if (suggestList) {
      while (suggestList.firstChild) {
        suggestList.removeChild(suggestList.firstChild);
      }
    }
  }

  function show(q, ranked, rows, ns) {
    clear();
    var n = ranked.length;
    say(n === 1 ? '1 result for \u201c' + q + '\u201d' : n + ' results for \u201c' + q + '\u201d' + (n > SHOW ? ', best ' + SHOW + ' shown' : ''), q);
    rows.forEach(function (row) {
      if (!Array.isArray(row) || !local(row[0])) {
        return;
      }
      var li = document.createElement('li');
      var h = document.createElement('h2');
      var a = document.createElement('a');
      a.href = row[0];
      appendMarked(a, String(row[1]), ns);
      h.appendChild(a);
      li.appendChild(h);
      var meta = [row[2], row[3]].filter(Boolean).join(' \u00b7 ');
      if (meta) {
        var pm = document.createElement('p');
        pm.className = 'search-meta';
        pm.textContent = meta;
        li.appendChild(pm);
      }
      if (row[4]) {
        var ps = document.createElement('p');
        ps.className = 'search-snippet';
        appendMarked(ps, String(row[4]), ns);
        li.appendChild(ps);
      }
      list.appendChild(li);
    });
    list.hidden = false;
  }

  // nearest suggests, for each word, the closest word the site uses (two
  // edits at most), as a link to that search.
  function nearest(q, words, clauses) {
    var out = [];
    clauses.forEach(function (c) {
      if (c.words.length !== 1 || !c.shard) {
        return;
      }
      var t = c.words[0];
      var best = null;
      keysOf(c.shard, t).forEach(function (k) {
        var d = distance(t, k.word);
        if (d > 0 && d <= 2 && (!best || d < best.d || (d === best.d && k.df > best.df))) {
          best = { d: d, df: k.df, word: k.word };
        }
      });
      if (best) {
        var ws = words.slice();
        ws[c.at] = best.word;
        out.push(ws.join(' '));
      }
    });
    return out.slice(0, 3);
  }

  function showNone(q, words, clauses) {
    clear();
    say('No results for \u201c' + q + '\u201d', q);
    var sug = nearest(q, words, clauses);
    if (sug.length && suggest && suggestList) {
      sug.forEach(function (s, i) {
        if (i > 0) {
          suggestList.appendChild(document.createTextNode(i === sug.length - 1 ? ' or ' : ', '));
        }
        var a = document.createElement('a');
        a.href = '/search/?' + new URLSearchParams({ q: s }).toString();
        a.textContent = s;
        suggestList.appendChild(a);
      });
      suggest.hidden = false;
    }
    none.hidden = false;
  }

  function run(raw, open) {
    var my = ++seq;
    var q = Array.from(String(raw)).slice(0, MAX_QUERY).join('').trim();
    var words = tokens(q).slice(0, MAX_WORDS);
    if (words.length === 0) {
      clear();
      say(q === '' ? '' : 'Type a word to search for.', q);
      return Promise.resolve();
    }
    var ready = manifest ? Promise.resolve(manifest) : get(form.getAttribute('data-index'));
    return ready.then(function (m) {
      manifest = m;
      return plan(words, open);
    }).then(function (clauses) {
      if (clauses.length === 0) {
        return { clauses: clauses, ranked: [] };
      }
      return rank(clauses).then(function (ranked) {
        return { clauses: clauses, ranked: ranked };
      });
    }).then(function (r) {
      if (my !== seq) {
        return null;
      }
      if (r.ranked.length === 0) {
        showNone(q, words, r.clauses);
        return null;
      }
      var top = r.ranked.slice(0, SHOW);
      return docs(top.map(function (x) {
        return x.id;
      })).then(function (rows) {
        if (my === seq) {
          show(q, r.ranked, rows, needles(words, r.clauses));
        }
      });
    }).catch(function () {
      if (my === seq) {
        clear();
        say('Search is not available right now. Browse the topics below, or try again later.', q);
      }
    });
  }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var v = input.value;
      run(v, !/\s$/.test(v));
      if (window.history && history.replaceState) {
        history.replaceState(null, '', v.trim() ? '?' + new URLSearchParams({ q: v.slice(0, MAX_QUERY) }).toString() : location.pathname);
      }
    }, 150);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run(input.value, !/\s$/.test(input.value));
  });
  var start = new URLSearchParams(location.search).get('q');
  if (start) {
    input.value = Array.from(start).slice(0, MAX_QUERY).join('');
    run(input.value, !/\s$/.test(input.value));
  }
}());
