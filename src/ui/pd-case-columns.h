/* pd-case-columns.h: the columns of the Cases table (title, cell text, order)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pd-case-index.h"
#include "pd-case-table.h"

G_BEGIN_DECLS

typedef struct {
  const char *id;
  const char *title;     /* translatable, untranslated */
  int         width;     /* fixed initial width in pixels */
  char     *(*text)    (PdCase *item, const PdCaseSummary *summary, const GDate *today);
  PdCaseCompareFunc compare;
  PdCaseKeyFunc     key;        /* the order of compare as numbers */
  gboolean          exact_key;  /* equal keys: compare says equal too */
  gboolean          complete;   /* compare reads complete summaries, not basic ones */
} PdCaseColumn;

guint               pd_case_columns_get_n   (void);
const PdCaseColumn *pd_case_columns_get     (guint position);
GtkSorter          *pd_case_column_new_sorter (const PdCaseColumn *column,
                                               PdCaseIndex        *index);
const PdCaseColumn *pd_case_columns_get_sort (GtkSorter   *sorter,
                                               gboolean    *descending);
char               *pd_case_format_date     (const GDate *date);
char               *pd_case_format_synced   (PdCase      *item);

G_END_DECLS
