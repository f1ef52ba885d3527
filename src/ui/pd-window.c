/* pd-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-cases-view.h"
#include "pd-checklist-view.h"
#include "pd-deadline-notifier.h"
#include "pd-model.h"
#include "pd-store.h"
#include "pd-sync-button.h"
#include "pd-verify-view.h"
#include "pd-window.h"

struct _PdWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  AdwViewStack         *stack;
  AdwToastOverlay      *toast_overlay;
  PdCasesView          *cases_view;
  PdVerifyView         *verify_view;
  PdDeadlineNotifier   *notifier;
  PdSyncButton         *sync_button;
};

G_DEFINE_FINAL_TYPE (PdWindow, pd_window, ADW_TYPE_APPLICATION_WINDOW)

/* The view a role starts in when the user has not picked one yet. */
static const char *
view_for_role (const char *role)
{
  if (g_strcmp0 (role, "officer") == 0)
    return "verify";
  if (g_strcmp0 (role, "applicant") == 0)
    return "checklist";
  return "cases";
}

static void
save_window_state (PdWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_string (self->settings, "last-view", adw_view_stack_get_visible_child_name (self->stack));
  g_settings_apply (self->settings);
}

static void
restore_window_state (PdWindow *self)
{
  g_autofree char *last_view = g_settings_get_string (self->settings, "last-view");
  g_autofree char *role = g_settings_get_string (self->settings, "role");

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (*last_view == '\0' || adw_view_stack_get_child_by_name (self->stack, last_view) == NULL)
    adw_view_stack_set_visible_child_name (self->stack, view_for_role (role));
  else
    adw_view_stack_set_visible_child_name (self->stack, last_view);
}

static gboolean
pd_window_close_request (GtkWindow *window)
{
  save_window_state (PD_WINDOW (window));

  return GTK_WINDOW_CLASS (pd_window_parent_class)->close_request (window);
}

static void
on_show_view_activated_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->stack, g_variant_get_string (parameter, NULL));
}

/* The operator recorded with each verification: the name set in Preferences, else the
 * login name. */
static void
on_operator_changed_cb (PdWindow   *self,
                        const char *key,
                        GSettings  *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "operator");

  g_strstrip (name);
  pd_verify_view_set_operator (self->verify_view, *name ? name : g_get_user_name ());
}

static void
on_role_changed_cb (PdWindow   *self,
                    const char *key,
                    GSettings  *settings)
{
  g_autofree char *role = g_settings_get_string (settings, "role");

  pd_verify_view_set_role (self->verify_view,
                           g_str_equal (role, "officer") ? PD_VERDICT_VIEW_ROLE_OFFICER
                                                         : PD_VERDICT_VIEW_ROLE_HR);
}

static void
pd_window_set_up (PdWindow      *self,
                  PdApplication *app)
{
  self->settings = g_object_ref (pd_application_get_settings (app));
  pd_cases_view_set_store (self->cases_view,
                           pd_application_get_store (app),
                           pd_application_get_store_error (app));
  if (pd_application_get_store (app) != NULL)
    {
      self->notifier = pd_deadline_notifier_new (G_APPLICATION (app), self->settings,
                                                 pd_store_get_cases (pd_application_get_store (app)),
                                                 pd_cases_view_get_index (self->cases_view));
      pd_deadline_notifier_start (self->notifier);
    }

  pd_sync_button_set_engine (self->sync_button, pd_application_get_sync_engine (app));
  pd_verify_view_set_verification (self->verify_view,
                                   pd_application_get_verifier (app),
                                   pd_application_get_audit_log (app));
  g_signal_connect_object (self->settings, "changed::operator", G_CALLBACK (on_operator_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::role", G_CALLBACK (on_role_changed_cb),
                           self, G_CONNECT_SWAPPED);
  on_operator_changed_cb (self, "operator", self->settings);
  on_role_changed_cb (self, "role", self->settings);
  restore_window_state (self);
}

static void
pd_window_dispose (GObject *object)
{
  PdWindow *self = PD_WINDOW (object);

  g_clear_object (&self->notifier);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pd_window_parent_class)->dispose (object);
}

static void
pd_window_class_init (PdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pd_window_dispose;
  window_class->close_request = pd_window_close_request;

  g_type_ensure (PD_TYPE_CASES_VIEW);
  g_type_ensure (PD_TYPE_CHECKLIST_VIEW);
  g_type_ensure (PD_TYPE_VERIFY_VIEW);
  g_type_ensure (PD_TYPE_SYNC_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PermitDesk/pd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, cases_view);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, verify_view);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, sync_button);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", on_show_view_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "verify");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "cases");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "checklist");
}

static void
pd_window_init (PdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

PdWindow *
pd_window_new (PdApplication *application)
{
  PdWindow *self;

  g_return_val_if_fail (PD_IS_APPLICATION (application), NULL);

  self = g_object_new (PD_TYPE_WINDOW, "application", application, NULL);
  pd_window_set_up (self, application);

  return self;
}

void
pd_window_add_toast (PdWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (PD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const char *
pd_window_get_visible_view (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

PdCasesView *
pd_window_get_cases_view (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return self->cases_view;
}

void
pd_window_set_visible_view (PdWindow   *self,
                            const char *name)
{
  g_return_if_fail (PD_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->stack, name);
}

/* Shows Cases with the case of @case_id selected; FALSE when there is no such case. */
gboolean
pd_window_show_case (PdWindow   *self,
                     const char *case_id)
{
  PdApplication *app;
  PdStore *store;
  PdCase *item;

  g_return_val_if_fail (PD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  app = PD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  store = pd_application_get_store (app);
  item = store ? pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (store)), case_id) : NULL;

  adw_view_stack_set_visible_child_name (self->stack, "cases");
  if (item == NULL)
    return FALSE;

  pd_cases_view_select_case (self->cases_view, item);
  return TRUE;
}
