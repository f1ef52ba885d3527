/* pd-pinyin.h: search keys for names: folded text, tone-less pinyin and initials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *pd_pinyin_for_char   (gunichar    c);
gboolean    pd_pinyin_append     (const char *text,
                                  GString    *full,
                                  GString    *initials);
char       *pd_search_fold       (const char *text);
void        pd_search_fold_append (GString    *out,
                                   const char *text);
guint       pd_pinyin_get_n_chars (void);

G_END_DECLS
