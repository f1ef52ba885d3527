/* pd-cases-view.c: the Cases view, a searchable list of cases and a detail pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-cases-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-model.h"
#include "pd-case-detail.h"
#include "pd-case-editor.h"
#include "pd-case-row.h"
#include "pd-cases-view.h"
#include "pd-store.h"

struct _PdCasesView
{
  AdwBin              parent_instance;

  PdStore            *store;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;
  char               *search_text;
  gboolean            setting_entry_text;

  /* The case deleted last, kept until its undo toast goes away. */
  PdCase             *deleted_case;
  AdwToast           *undo_toast;

  GtkStack           *state_stack;
  AdwStatusPage      *error_page;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkLabel           *count_label;
  PdCaseDetail       *detail;
};

G_DEFINE_FINAL_TYPE (PdCasesView, pd_cases_view, ADW_TYPE_BIN)

static gboolean
filter_case (gpointer item,
             gpointer user_data)
{
  PdCasesView *self = user_data;

  if (self->search_text == NULL || *self->search_text == '\0')
    return TRUE;

  return pd_case_matches (PD_CASE (item), self->search_text);
}

static void
update_state (PdCasesView *self)
{
  guint n_total = self->store ? g_list_model_get_n_items (pd_store_get_cases (self->store)) : 0;
  guint n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *count = NULL;

  if (n_total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (n_visible == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  if (n_visible == n_total)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", n_total), n_total);
  else
    /* Translators: "3 of 40 cases" shown while searching */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u case", "%u of %u cases", n_total),
                             n_visible, n_total);
  gtk_label_set_text (self->count_label, count);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.add", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.edit",
                                 gtk_single_selection_get_selected_item (self->selection) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.delete",
                                 gtk_single_selection_get_selected_item (self->selection) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.undo-delete", self->deleted_case != NULL);
}

static void
show_toast (PdCasesView *self,
            AdwToast    *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_error_toast (PdCasesView  *self,
                  const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  show_toast (self, toast);
}

static void
on_search_changed_cb (PdCasesView    *self,
                      GtkSearchEntry *entry)
{
  /* Setting the entry's text passes through an empty text, which the entry reports
   * at once: ignore what we caused ourselves. */
  if (self->setting_entry_text)
    return;

  pd_cases_view_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_items_changed_cb (PdCasesView *self,
                     guint        position,
                     guint        removed,
                     guint        added,
                     GListModel  *model)
{
  update_state (self);
}

static void
on_selection_changed_cb (PdCasesView *self)
{
  pd_case_detail_set_case (self->detail, gtk_single_selection_get_selected_item (self->selection));
  update_state (self);
}

static void
on_list_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (item, GTK_WIDGET (pd_case_row_new ()));
}

static void
on_list_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  pd_case_row_set_case (PD_CASE_ROW (gtk_list_item_get_child (item)),
                        gtk_list_item_get_item (item));
}

static void
on_list_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  pd_case_row_set_case (PD_CASE_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
on_add_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);
  PdCaseEditor *editor;

  g_return_if_fail (self->store != NULL);

  editor = pd_case_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, NULL);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_edit_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);
  PdCase *case_ = pd_cases_view_get_selected_case (self);
  PdCaseEditor *editor;

  if (case_ == NULL || self->store == NULL)
    return;

  editor = pd_case_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, case_);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
forget_deleted_case (PdCasesView *self)
{
  g_clear_object (&self->deleted_case);
  g_clear_object (&self->undo_toast);
  update_state (self);
}

static void
on_undo_toast_dismissed_cb (PdCasesView *self,
                            AdwToast    *toast)
{
  if (self->undo_toast == toast)
    forget_deleted_case (self);
}

static void
on_undo_delete_activated_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCase) case_ = NULL;
  g_autoptr(AdwToast) toast = NULL;

  if (self->deleted_case == NULL)
    return;

  case_ = g_steal_pointer (&self->deleted_case);
  toast = g_steal_pointer (&self->undo_toast);
  if (toast != NULL)
    adw_toast_dismiss (toast);

  if (!pd_store_save_case (self->store, case_, &error))
    show_error_toast (self, error);
  else
    pd_cases_view_select_case (self, case_);

  update_state (self);
}

static void
on_delete_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  PdCase *case_ = pd_cases_view_get_selected_case (self);
  AdwToast *toast;

  if (case_ == NULL)
    return;

  g_object_ref (case_);
  if (!pd_store_delete_case (self->store, case_, &error))
    {
      show_error_toast (self, error);
      g_object_unref (case_);
      return;
    }

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  forget_deleted_case (self);
  self->deleted_case = case_;

  name = pd_person_dup_display_name (pd_case_get_person (case_));
  /* Translators: %s is a person's name */
  title = g_strdup_printf (_("Case of %s deleted"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  self->undo_toast = g_object_ref (toast);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_delete_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  show_toast (self, toast);
  update_state (self);
}

static void
on_focus_search_activated_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
pd_cases_view_dispose (GObject *object)
{
  PdCasesView *self = PD_CASES_VIEW (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->deleted_case);
  g_clear_object (&self->undo_toast);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (pd_cases_view_parent_class)->dispose (object);
}

static void
pd_cases_view_class_init (PdCasesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_cases_view_dispose;

  g_type_ensure (PD_TYPE_CASE_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PermitDesk/pd-cases-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, state_stack);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, error_page);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, list_view);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "cases.add", NULL, on_add_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.edit", NULL, on_edit_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.delete", NULL, on_delete_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.undo-delete", NULL, on_undo_delete_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.focus-search", NULL, on_focus_search_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "cases.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "cases.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "cases.undo-delete", NULL);
}

static void
pd_cases_view_init (PdCasesView *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_case, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_list_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_list_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_list_unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  update_state (self);
}

/* A store that failed to open is shown as its error, with the file's name and what to
 * do; the view never falls back to an empty store that could hide the user's data. */
void
pd_cases_view_set_store (PdCasesView  *self,
                         PdStore      *store,
                         const GError *store_error)
{
  g_return_if_fail (PD_IS_CASES_VIEW (self));
  g_return_if_fail (!store || PD_IS_STORE (store));

  g_set_object (&self->store, store);
  gtk_filter_list_model_set_model (self->filtered, store ? pd_store_get_cases (store) : NULL);

  if (store == NULL)
    {
      adw_status_page_set_description (self->error_page,
                                       store_error ? store_error->message : _("The case database is not available."));
      gtk_stack_set_visible_child_name (self->state_stack, "error");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->state_stack, "cases");
    }

  update_state (self);
}

GListModel *
pd_cases_view_get_visible_cases (PdCasesView *self)
{
  g_return_val_if_fail (PD_IS_CASES_VIEW (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

void
pd_cases_view_set_search_text (PdCasesView *self,
                               const char  *text)
{
  g_autofree char *stripped = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (PD_IS_CASES_VIEW (self));

  stripped = g_strstrip (g_strdup (text ? text : ""));
  if (g_strcmp0 (stripped, self->search_text) == 0)
    return;

  /* Typing more only narrows: GTK can then filter the visible items alone. */
  if (self->search_text != NULL && g_str_has_prefix (stripped, self->search_text))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->search_text != NULL && g_str_has_prefix (self->search_text, stripped))
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (self->search_text);
  self->search_text = g_steal_pointer (&stripped);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    {
      self->setting_entry_text = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
      self->setting_entry_text = FALSE;
    }

  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_state (self);
}

void
pd_cases_view_select_case (PdCasesView *self,
                           PdCase      *case_)
{
  GListModel *model;
  guint n;

  g_return_if_fail (PD_IS_CASES_VIEW (self));

  model = G_LIST_MODEL (self->filtered);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (model, i);

      if (item == case_)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

PdCase *
pd_cases_view_get_selected_case (PdCasesView *self)
{
  g_return_val_if_fail (PD_IS_CASES_VIEW (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}
