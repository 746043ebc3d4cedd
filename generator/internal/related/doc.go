// Package related scores how related documents are, for the "Related
// articles" list under every article and the service pages an article links
// to. It never sees a Page: callers describe each document with a Doc (a key,
// a date, taxonomy terms and analysed text) and get positions back.
//
//	docs := make([]related.Doc, len(articles))   // filled by parse workers:
//	docs[i] = related.Doc{Key: path, Date: date, Taxa: []string{"tags/flu"},
//		Text: related.Analyze(title, description, plainText)}
//	ix := related.Build(docs, weights)
//	lists := ix.All(cfg.Related.Count)            // lists[i][k].Doc indexes docs
//	services := related.Build(serviceDocs, weights).Query(docs[i], 2)
//
// # Score
//
// The score of document j for document i is the sum of three parts, each
// multiplied by its weight from config.yaml (Weights, DefaultWeights):
//
//   - Tags: shared tags and categories, weighted by rarity. A term used on
//     df of N documents weighs w = ln(1 + (N−df+0.5)/(df+0.5)) (the BM25
//     idf), so a catch-all tag on 40 % of pages weighs 0.9 and a specific
//     one on 1.5 % weighs 4.2. The part is Σ w² over the shared terms divided
//     by √(Σ w² + 2) of each document: a cosine with a prior, so that two
//     pages sharing only a catch-all tag score low (0.30) while two sharing
//     their one specific tag score high (0.9).
//   - Text: the cosine of the TF-IDF vectors of title, description and body
//     (see Analyze; idf = ln((N+1)/df)). On a site of more than 256
//     documents each vector is cut to its 64 heaviest stems (see Speed); a
//     smaller site keeps up to 1024. Raw term counts are used rather than BM25's saturated ones: for
//     document-to-document similarity saturation flattens the difference
//     between a page's main topic (a word used 30 times) and a side topic
//     (used 7 times), which puts pages of the side topic on the list.
//   - Recency: 1/(1 + years apart), a small tie-break toward pages close in
//     date. Older and newer pages are equally eligible; a page without a
//     date gets no recency credit.
//
// Each part is in [0, 1] before weighting. Match reports the weighted parts,
// so a page can show why it was chosen (Match.Explain).
//
// # Order and completeness
//
// Lists are ordered by score; equal scores put dated pages first, newer
// first, then by key, then by position, so lists are identical from run to
// run and on any number of cores. A list is never shorter than min(n, number
// of other documents): when fewer documents share a word or term with a
// page, the documents nearest in date fill it (the newest ones when dates
// cannot score: the page has no date or the recency weight is 0).
//
// # Speed
//
// A site of up to 256 documents is scored exhaustively: every pair. Above
// that there is no all-pairs comparison. A document's candidates come from
// an inverted index: the posting lists of its 12 heaviest stems, ordered by
// weight and cut to their 256 heaviest entries, and those of its rare taxa.
// The lists are walked rare taxa first, then stems heaviest first, and a
// search finds at most 1024 candidates: once that many are found, the
// remaining lists only add to their partial scores. Candidates are ranked by
// their partial text score plus their exact tag score (common taxa, whose
// posting lists are cut, are looked up in a bitset per taxon), and the best
// 64 are scored exactly. Documents sharing a rare taxon with a page are
// found first, then those sharing its heaviest words, up to the budget; among
// thousands of pages sharing only common words, the search finds very good
// matches but not always the best. The work per document is bounded
// (at most 12 + #taxa posting lists of 256 entries, 1024 candidates, 64
// exact scores), so the time grows linearly with the number of documents;
// without the budget, on a large site the lists of a page's stems overlap
// less and it finds almost three times the candidates it finds on 10,000
// pages. All runs on every core.
//
// An Index is immutable after Build and safe for concurrent use; Analyze is
// safe for concurrent use. An Analyzer analyses as Analyze does with
// working memory it keeps from one document to the next (a parse worker
// holds one); it is for one goroutine at a time.
package related
