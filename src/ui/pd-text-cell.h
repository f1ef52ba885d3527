/* pd-text-cell.h: one line of text for a cell of a large table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PD_TYPE_TEXT_CELL (pd_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (PdTextCell, pd_text_cell, PD, TEXT_CELL, GtkWidget)

GtkWidget  *pd_text_cell_new       (void);
const char *pd_text_cell_get_text  (PdTextCell *self);
void        pd_text_cell_set_text  (PdTextCell *self,
                                    const char *text);
void        pd_text_cell_take_text (PdTextCell *self,
                                    char       *text);

G_END_DECLS
