import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth/AuthProvider';
import { RequireAuth } from './auth/RequireAuth';
import { RequirePermission } from './auth/RequirePermission';
import { AppLayout } from './components/AppLayout';
import { AppProviders } from './components/AppProviders';
import { NotFound } from './components/NoPermission';
import { PageLoading } from './components/PageLoading';

const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const OrgsPage = lazy(() => import('./pages/orgs/OrgsPage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const HouseholdsPage = lazy(() => import('./pages/households/HouseholdsPage'));
const HouseholdFormPage = lazy(() => import('./pages/households/HouseholdFormPage'));
const HouseholdDetailPage = lazy(() => import('./pages/households/HouseholdDetailPage'));
const HouseholdImportPage = lazy(() => import('./pages/households/HouseholdImportPage'));
const AnnualReviewPage = lazy(() => import('./pages/households/AnnualReviewPage'));
const DuplicatesPage = lazy(() => import('./pages/households/DuplicatesPage'));
const PoliciesPage = lazy(() => import('./pages/policies/PoliciesPage'));
const AccountPage = lazy(() => import('./pages/account/AccountPage'));

export function App() {
  return (
    <AppProviders>
      <BrowserRouter>
        <AuthProvider>
          <Suspense fallback={<PageLoading fullscreen />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<DashboardPage />} />
                <Route
                  path="households"
                  element={
                    <RequirePermission permission="household.read">
                      <HouseholdsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="households/new"
                  element={
                    <RequirePermission permission="household.write">
                      <HouseholdFormPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="households/import"
                  element={
                    <RequirePermission permission="household.write">
                      <HouseholdImportPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="households/annual-review"
                  element={
                    <RequirePermission permission="household.read">
                      <AnnualReviewPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="households/duplicates"
                  element={
                    <RequirePermission permission="household.review">
                      <DuplicatesPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="households/:id/edit"
                  element={
                    <RequirePermission permission="household.write">
                      <HouseholdFormPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="households/:id"
                  element={
                    <RequirePermission permission="household.read">
                      <HouseholdDetailPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="policies"
                  element={
                    <RequirePermission permission="policy.read">
                      <PoliciesPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="orgs"
                  element={
                    <RequirePermission permission="org.read">
                      <OrgsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="users"
                  element={
                    <RequirePermission permission="user.read">
                      <UsersPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="audit"
                  element={
                    <RequirePermission permission="audit.read">
                      <AuditPage />
                    </RequirePermission>
                  }
                />
                <Route path="account" element={<AccountPage />} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </Suspense>
        </AuthProvider>
      </BrowserRouter>
    </AppProviders>
  );
}
