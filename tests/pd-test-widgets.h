/* pd-test-widgets.h: finding what a user sees in a real window, for the window tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *pd_test_find_type (GtkWidget  *root,
                              GType       type);
GtkWidget *pd_test_find_row  (GtkWidget  *root,
                              const char *title);
void       pd_test_wait_for_frame (GtkWidget *widget);

G_END_DECLS
