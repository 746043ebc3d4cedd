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
  // page is this search page's path (/search/, /es/buscar/): the
  // suggestions link to it.
  var page = local(form.getAttribute('action')) ? form.getAttribute('action') : location.pathname;

  // msg is the page's text for a message (the form's data-t-<name>, in
  // the page's language), else the English one, with the query for %s
  // and the number for %d, inserted as text.
  function msg(name, english, q, n) {
    var t = form.getAttribute('data-t-' + name) || english;
    return t.replace(/%[sd]/g, function (m) {
      return m === '%s' ? String(q === undefined ? '' : q) : String(n === undefined ? '' : n);
    });
  }

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
      }).catch(function (err) {
        files.delete(url); // a later query tries again
        throw err;
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
    // In a language that inflects more than English (manifest.l, e.g.
    // Spanish), a word the site never uses may share the stem of one it
    // does: "vacunas" → "vacun" (of "vacunación").
    if (manifest.l) {
      var cs = Array.from(t);
      for (var n = cs.length - 1; n >= Math.max(4, cs.length - 3); n--) {
        var p = cs.slice(0, n).join('');
        if (Array.isArray(field(sh.p, p))) {
          return p;
        }
      }
    }
    return t;
  }

  // postingsOf decodes a stem's postings once into two arrays: the page
  // ids in order and their tf.
  function postingsOf(stem) {
    if (postings.has(stem)) {
      return Promise.resolve(postings.get(stem));
    }
    return shard(stem).then(function (sh) {
      var row = field(sh.p, stem);
      var n = Array.isArray(row) ? (row.length - 1) >> 1 : 0;
      var ps = { ids: new Int32Array(n), tfs: new Float64Array(n) };
      if (n > 0) {
        forms.set(stem, String(row[0]));
        var id = 0;
        for (var i = 0; i < n; i++) {
          id += row[1 + 2 * i];
          ps.ids[i] = id;
          ps.tfs[i] = row[2 + 2 * i];
        }
      }
      postings.set(stem, ps);
      return ps;
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

  // prefetchSynonyms asks for the term files of the synonym groups the
  // query's words seem to be in (a word as typed, or beginning with a
  // member's stem), so that they load with the words' own files instead
  // of after them. plan decides which groups apply; a file asked for in
  // vain costs bytes, not time.
  function prefetchSynonyms(words) {
    (manifest.y || []).forEach(function (group) {
      var hit = group.some(function (ph) {
        return ph.w.some(function (w, j) {
          var st = ph.s[j];
          return words.some(function (t) {
            return t === w || (st && st.length >= 3 && t.indexOf(st) === 0);
          });
        });
      });
      if (hit) {
        group.forEach(function (ph) {
          ph.s.forEach(function (st) {
            if (st) {
              shard(st).catch(function () {});
            }
          });
        });
      }
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
      // Scores live in arrays indexed by page id: a first query runs this
      // code cold, and arrays keep it quick.
      var n = manifest.n;
      var total = new Float64Array(n);
      var hits = new Uint8Array(n);
      clauses.forEach(function (c) {
        var best = new Float64Array(n);
        var found = new Uint8Array(n);
        var touched = [];
        c.alts.forEach(function (a) {
          var k = a.stems.length;
          if (k === 0) {
            return;
          }
          // A phrase needs all its words: a page stays in while it has
          // every stem so far (have[id] counts them).
          var sum = new Float64Array(n);
          var have = k > 1 ? new Uint8Array(n) : null;
          var last = null;
          a.stems.forEach(function (s, j) {
            var ps = postings.get(s);
            var w = idf(ps.ids.length);
            for (var i = 0; i < ps.ids.length; i++) {
              var id = ps.ids[i];
              if (id < 0 || id >= n || (have && have[id] !== j)) {
                continue;
              }
              sum[id] = sum[id] + w * ps.tfs[i] / 10;
              if (have) {
                have[id] = j + 1;
              }
            }
            last = ps;
          });
          for (var i = 0; i < last.ids.length; i++) {
            var id = last.ids[i];
            if (id < 0 || id >= n || (have && have[id] !== k)) {
              continue;
            }
            var x = sum[id] * a.weight;
            if (!found[id]) {
              found[id] = 1;
              best[id] = x;
              touched.push(id);
            } else if (best[id] < x) {
              best[id] = x;
            }
          }
        });
        touched.forEach(function (id) {
          total[id] += best[id];
          hits[id]++;
        });
      });
      // The SHOW best (score, then page order) and how many pages match.
      var top = [];
      var count = 0;
      for (var id = 0; id < n; id++) {
        if (hits[id] === 0) {
          continue;
        }
        count++;
        var share = hits[id] / clauses.length;
        var score = total[id] * share * share;
        if (top.length === SHOW && top[SHOW - 1].score >= score) {
          continue;
        }
        var at = top.length;
        while (at > 0 && top[at - 1].score < score) {
          at--;
        }
        top.splice(at, 0, { id: id, score: score });
        if (top.length > SHOW) {
          top.pop();
        }
      }
      return { count: count, top: top };
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
    var n = ranked.count;
    say(n === 1 ? msg('result', '1 result for \u201c%s\u201d', q) : msg('results', '%d results for \u201c%s\u201d', q, n) + (n > SHOW ? msg('best', ', best %d shown', '', SHOW) : ''), q);
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
    say(msg('none', 'No results for \u201c%s\u201d', q), q);
    var sug = nearest(q, words, clauses);
    if (sug.length && suggest && suggestList) {
      sug.forEach(function (s, i) {
        if (i > 0) {
          suggestList.appendChild(document.createTextNode(i === sug.length - 1 ? msg('or', ' or ') : ', '));
        }
        var a = document.createElement('a');
        a.href = page + '?' + new URLSearchParams({ q: s }).toString();
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
      say(q === '' ? '' : msg('type', 'Type a word to search for.'), q);
      return Promise.resolve();
    }
    return loadManifest().then(function () {
      prefetchSynonyms(words);
      return plan(words, open);
    }).then(function (clauses) {
      if (clauses.length === 0) {
        return { clauses: clauses, ranked: { count: 0, top: [] } };
      }
      return rank(clauses).then(function (ranked) {
        return { clauses: clauses, ranked: ranked };
      });
    }).then(function (r) {
      if (my !== seq) {
        return null;
      }
      if (r.ranked.count === 0) {
        showNone(q, words, r.clauses);
        return null;
      }
      return docs(r.ranked.top.map(function (x) {
        return x.id;
      })).then(function (rows) {
        if (my === seq) {
          show(q, r.ranked, rows, needles(words, r.clauses));
        }
      });
    }).catch(function () {
      if (my === seq) {
        clear();
        say(msg('error', 'Search is not available right now. Browse the topics below, or try again later.'), q);
      }
    });
  }

  // loadManifest resolves when the manifest is in memory. It is asked for
  // as soon as the script runs (the page preloads it with the script), so
  // a first query waits for its term and page files only.
  function loadManifest() {
    if (manifest) {
      return Promise.resolve(manifest);
    }
    return get(form.getAttribute('data-index')).then(function (m) {
      manifest = m;
      return m;
    });
  }
  loadManifest().catch(function () {
    // run reports it when a query needs the index.
  });
  // warm fetches the term files of the words typed so far while the
  // typing pauses, so that the query finds them loaded.
  function warm(v) {
    if (!manifest) {
      return;
    }
    tokens(Array.from(String(v)).slice(0, MAX_QUERY).join('')).slice(0, MAX_WORDS).forEach(function (t) {
      shard(t).catch(function () {});
    });
  }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    warm(input.value);
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
