/* pd-import-dialog.c: the preview of a CSV import, row by row, before anything is written
 *
 * Lists every data row with what is wrong with it (or that it is fine). Only
 * "Import" writes, in one transaction, the rows without errors; the view then
 * offers Undo. Cancel or closing writes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-import-dialog.h"

struct _PdImportDialog
{
  AdwWindow     parent_instance;

  PdCaseImport *import;
  GtkListBox   *list;
  GtkLabel     *summary_label;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (PdImportDialog, pd_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_import_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdImportDialog *self = PD_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = pd_case_import_commit (self->import, &error);

  if (items == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[IMPORTED], 0, items);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
pd_import_dialog_dispose (GObject *object)
{
  PdImportDialog *self = PD_IMPORT_DIALOG (object);

  g_clear_object (&self->import);

  G_OBJECT_CLASS (pd_import_dialog_parent_class)->dispose (object);
}

static void
pd_import_dialog_class_init (PdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_import_dialog_dispose;

  /**
   * PdImportDialog::imported:
   * @items: (element-type PdCase): the cases written
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  gtk_widget_class_install_action (widget_class, "import.confirm", NULL, on_import_activated_cb);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, on_cancel_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static GtkWidget *
make_header (PdImportDialog *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *import = gtk_button_new_with_mnemonic (_("_Import"));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "import.cancel");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "import.confirm");
  gtk_widget_add_css_class (import, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), import);
  return header;
}

static void
pd_import_dialog_init (PdImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Import Employees and Cases"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_label_set_xalign (self->summary_label, 0);
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Rows of the file"), -1);

  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->summary_label));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->error_label));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_widget_set_vexpand (scrolled, TRUE);

  gtk_box_append (GTK_BOX (box), make_header (self));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static GtkWidget *
make_row (const PdImportRow *row)
{
  GtkWidget *widget = adw_action_row_new ();
  GtkWidget *icon;
  g_autofree char *title = NULL;

  /* Translators: a row number of the spreadsheet, then a person's name */
  title = g_strdup_printf (_("Row %u: %s"), row->row, row->name ? row->name : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  if (row->errors->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < row->errors->len; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", (char *) g_ptr_array_index (row->errors, i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), text->str);
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "error");
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), _("Ready to import"));
      icon = gtk_image_new_from_icon_name ("object-select-symbolic");
      gtk_widget_add_css_class (icon, "success");
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (widget), icon);
  return widget;
}

static void
fill (PdImportDialog *self)
{
  guint n_rows = pd_case_import_get_n_rows (self->import);
  guint n_valid = pd_case_import_get_n_valid (self->import);
  g_autofree char *summary = NULL;
  g_autofree char *button = NULL;

  for (guint i = 0; i < n_rows; i++)
    gtk_list_box_append (self->list, make_row (pd_case_import_get_row (self->import, i)));

  /* Translators: "12 rows: 10 can be imported, 2 have errors and are left out." */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u row: %u can be imported, %u has errors and is left out. "
                                          "Nothing is written until you choose Import.",
                                          "%u rows: %u can be imported, %u have errors and are left out. "
                                          "Nothing is written until you choose Import.", n_rows),
                             n_rows, n_valid, n_rows - n_valid);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.confirm", n_valid > 0);
}

GtkWidget *
pd_import_dialog_new (GtkWindow    *parent,
                      PdCaseImport *import)
{
  PdImportDialog *self;

  g_return_val_if_fail (PD_IS_CASE_IMPORT (import), NULL);

  self = g_object_new (PD_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->import = g_object_ref (import);
  fill (self);
  return GTK_WIDGET (self);
}

PdCaseImport *
pd_import_dialog_get_import (PdImportDialog *self)
{
  g_return_val_if_fail (PD_IS_IMPORT_DIALOG (self), NULL);

  return self->import;
}

GtkListBox *
pd_import_dialog_get_list (PdImportDialog *self)
{
  g_return_val_if_fail (PD_IS_IMPORT_DIALOG (self), NULL);

  return self->list;
}

/* The error of the last Import attempt, NULL when there was none. */
const char *
pd_import_dialog_get_error_text (PdImportDialog *self)
{
  g_return_val_if_fail (PD_IS_IMPORT_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}
